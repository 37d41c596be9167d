package io.firedrill.postgres.archive;

import java.nio.file.Path;

/**
 * The parsed command line of {@link ArchiveCommand}.
 *
 * @param command {@code push} or {@code get}
 * @param first push: the segment's path ({@code %p}); get: the file name ({@code %f})
 * @param second get: the target path ({@code %p}); push: unused
 * @param config the configuration file
 * @param stream the stream, or {@code null} to read it from the data directory
 */
record Arguments(String command, String first, String second, Path config, String stream) {
    static final String USAGE = "usage: ArchiveCommand push <%p> --config <file> [--stream <stream>]\n"
            + "       ArchiveCommand get <%f> <%p> --config <file> [--stream <stream>]";

    static Arguments parse(String[] args) {
        if (args.length == 0 || !(args[0].equals("push") || args[0].equals("get"))) {
            throw new IllegalArgumentException("the first argument must be push or get");
        }
        String command = args[0];
        String first = null;
        String second = null;
        Path config = null;
        String stream = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> config = Path.of(value(args, ++i, "--config"));
                case "--stream" -> stream = value(args, ++i, "--stream");
                default -> {
                    if (first == null) {
                        first = args[i];
                    } else if (second == null) {
                        second = args[i];
                    } else {
                        throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                    }
                }
            }
        }
        if (first == null || (command.equals("get") && second == null) || config == null) {
            throw new IllegalArgumentException(command + " is missing arguments");
        }
        return new Arguments(command, first, second, config, stream);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
