/**
 * Reserved for the spi-postgres module. It is not built yet (see issue 3): this module deliberately registers no
 * provider, so an operation that needs it fails with a {@code PluginNotFoundException} instead of pretending.
 */
package io.firedrill.postgres;
