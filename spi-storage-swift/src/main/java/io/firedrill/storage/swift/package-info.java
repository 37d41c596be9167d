/**
 * Reserved for the spi-storage-swift module. It is not built yet (see issue 5): this module deliberately registers no
 * provider, so an operation that needs it fails with a {@code PluginNotFoundException} instead of pretending.
 */
package io.firedrill.storage.swift;
