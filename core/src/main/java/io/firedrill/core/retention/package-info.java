/** Retention: which backups a {@link io.firedrill.api.RetentionPolicy} keeps, decided without side effects. */
package io.firedrill.core.retention;
