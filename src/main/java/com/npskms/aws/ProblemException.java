package com.npskms.aws;

/** Carries a {@link Problem} up to the page or the command line; its message is the plain-words text. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.toText(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
