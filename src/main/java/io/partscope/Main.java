package io.partscope;

import io.partscope.cli.PartscopeCommand;

/**
 * The jar's entry point. With no command (or only {@code --demo} / {@code --url}) it opens the desktop app; with
 * a command it runs headless. This class must not extend {@code javafx.application.Application}: on the class
 * path that fails with "JavaFX runtime components are missing".
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--verbose")) {
            // slf4j-simple reads its levels once, when the first logger is made: set them before anything logs.
            System.setProperty("org.slf4j.simpleLogger.log.io.partscope", "debug");
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        System.exit(PartscopeCommand.run(args));
    }
}
