/**
 * Reserved for the spi-storage-s3 module. It is not built yet (see issue 5): this module deliberately registers no
 * provider, so an operation that needs it fails with a {@code PluginNotFoundException} instead of pretending.
 */
package io.firedrill.storage.s3;
