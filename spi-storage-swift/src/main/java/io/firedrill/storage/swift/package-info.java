/**
 * The OpenStack Swift storage: {@code swift://container/prefix} repositories over the JDK HTTP client, with auth v1
 * (tempauth) or Keystone v3, Static Large Objects for big objects, retries with backoff and per-request timeouts.
 * Entry points: {@link io.firedrill.storage.swift.SwiftStorage#builder()} and the {@code swift} scheme's
 * {@link io.firedrill.storage.swift.SwiftStorageProvider}.
 */
package io.firedrill.storage.swift;
