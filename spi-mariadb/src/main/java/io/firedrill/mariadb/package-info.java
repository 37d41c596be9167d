/**
 * Reserved for the spi-mariadb module. It is not built yet (see issue 4): this module deliberately registers no
 * provider, so an operation that needs it fails with a {@code PluginNotFoundException} instead of pretending.
 */
package io.firedrill.mariadb;
