/** The logical backup format: stream names, the data escaping, the metadata stream, and DDL rewrites for loading. */
package io.firedrill.mysql.logical.format;
