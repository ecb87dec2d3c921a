package io.eventline.loadtest;

import io.eventline.loadtest.cli.LoadTestCommand;
import picocli.CommandLine;

/** {@code java -jar eventline-loadtest.jar [options] [HOST:PORT]}, or {@code ... scenario <name> [HOST:PORT]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: a refused or invalid setting prints one clear line, exit status 2. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LoadTestCommand());
        commandLine.setExecutionExceptionHandler((error, failed, parseResult) -> {
            if (error instanceof IllegalArgumentException) {
                failed.getErr().println("error: " + error.getMessage());
                return 2;
            }
            failed.getErr().println("error: " + error);
            Throwable cause = error.getCause();
            while (cause != null) {
                failed.getErr().println("  caused by: " + cause);
                cause = cause.getCause();
            }
            return 1;
        });
        return commandLine;
    }
}
