package io.scorescope.io;

/**
 * A problem with what the user gave us (a file, a name, a number): the CLI prints its message as one
 * line on stderr and exits with code 2, without a stack trace. Messages name the input and what was
 * expected, e.g. "data.csv line 3: expected 3 numbers, found 2".
 */
public class InputException extends RuntimeException {
    public InputException(String message) { super(message); }
    public InputException(String message, Throwable cause) { super(message, cause); }
}
