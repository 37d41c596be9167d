/**
 * Repository locks over any storage, built from plain put, list, get and delete: shared locks for backups,
 * exclusive locks for prune, heartbeats to keep held locks fresh, and reclaiming of stale locks.
 */
package io.firedrill.core.lock;
