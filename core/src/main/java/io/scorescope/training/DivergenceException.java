package io.scorescope.training;

import io.scorescope.io.InputException;

/** Training produced a non-finite loss; the last good checkpoint is left in place. */
public final class DivergenceException extends InputException {
    public DivergenceException(String message) { super(message); }
}
