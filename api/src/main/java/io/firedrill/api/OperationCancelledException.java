package io.firedrill.api;

/** The operation stopped because its {@link ProgressListener} asked it to. Nothing partial was published. */
public class OperationCancelledException extends FiredrillException {
    private static final long serialVersionUID = 1L;

    /** @param operation the operation that was cancelled */
    public OperationCancelledException(Operation operation) {
        super(ErrorCode.CANCELLED, operation.displayName() + " was cancelled by its listener", null);
    }
}
