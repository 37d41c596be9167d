package io.firedrill.storage.swift;

import io.firedrill.api.StorageException;

/** Turns an unexpected Swift answer into a {@link StorageException} that says what to do. */
final class SwiftFailures {
    private SwiftFailures() {
    }

    /**
     * @param status the HTTP status
     * @param what the operation and object, such as {@code "store data/ab/abc"}
     * @param container the container it concerned
     * @param where the account, as {@link SwiftClient#describeStorage()} gives it
     */
    static StorageException of(int status, String what, String container, String where) {
        String message = "cannot " + what + " in container " + container + " of " + where + ": HTTP " + status;
        return switch (status) {
            case 404 -> new StorageException("container " + container + " does not exist in " + where + " (HTTP 404 "
                    + "while trying to " + what + ")", "create the container (for example `swift post " + container
                    + "`), fix its name in the repository URI, or let Firedrill create it (createContainer(true), or "
                    + "?create=true in the URI)", false, null);
            case 401 -> new StorageException(message + " (the token was refused even right after logging in)",
                    "check that the user has a role (such as member or .admin) on this account", false, null);
            case 403 -> new StorageException(message + " (forbidden)", "give the user read and write access to "
                    + "container " + container + " (a role on the project, or the container's ACLs)", false, null);
            case 413 -> new StorageException(message + " (object too large)", "lower the large-object threshold "
                    + "below the cluster's max_file_size (see GET /info)", false, null);
            case 507 -> new StorageException(message + " (insufficient storage)", "the Swift cluster is full; free "
                    + "space or add capacity", false, null);
            default -> new StorageException(message, status >= 500 || status == 429 || status == 408
                    ? "Swift is failing or overloaded; retry later" : null,
                    status >= 500 || status == 429 || status == 408 || status == 422, null);
        };
    }
}
