package com.npskms.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.npskms.aws.AwsSession;
import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import com.npskms.aws.Problems;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that talks to AWS: opens the session, runs, and turns every failure into plain words and an exit code. */
abstract class AwsCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    /** Built on first use: Jackson is a fair share of start-up time, and most runs print text. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The command's work with an open session; returns the exit code. */
    abstract int run(AwsSession session) throws Exception;

    /** What the command does, for the heading of a failure ("Checking who you are"). */
    abstract String doing();

    @Override
    public final Integer call() {
        try {
            check();
            try (AwsSession session = connection.open(err())) {
                return run(session);
            }
        } catch (ProblemException e) {
            return report(e.problem());
        } catch (RuntimeException e) {
            return report(Problems.from(e, doing()));
        } catch (Exception e) {
            return report(Problems.from(e, doing()));
        } finally {
            connection.close();
            out().flush();
            err().flush();
        }
    }

    /** Checks the command's own options before anything is opened; throws a usage problem. */
    void check() {
    }

    /** Prints the problem and returns 2 for bad input, 1 for a failed call. */
    int report(Problem p) {
        if (connection.json()) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("error", p.what());
            m.put("kind", p.kind().name());
            m.put("why", p.why());
            m.put("next", p.next());
            if (p.awsCode() != null) {
                m.put("awsCode", p.awsCode());
            }
            if (p.requestId() != null) {
                m.put("requestId", p.requestId());
            }
            printJson(err(), m);
        } else {
            err().println(p.toText());
        }
        return exitCodeFor(p);
    }

    static int exitCodeFor(Problem p) {
        return p.kind() == Problem.Kind.INPUT && p.awsCode() == null ? ExitCode.BAD_INPUT : ExitCode.FAILED;
    }

    /** Asks on the terminal; true for y/yes. Without an answer (end of input, no terminal) it is no. */
    boolean ask(String question) {
        err().print(question + " [y/N] ");
        err().flush();
        String line = Answers.readLine();
        if (System.console() == null) {
            err().println();
        }
        return line != null && java.util.List.of("y", "yes").contains(line.strip().toLowerCase(java.util.Locale.ROOT));
    }

    /** One reader of standard input for the whole process, so piped answers are not lost to buffering. */
    private static final class Answers {
        private static final java.io.BufferedReader STDIN = new java.io.BufferedReader(
                new java.io.InputStreamReader(System.in, java.nio.charset.Charset.defaultCharset()));

        static String readLine() {
            try {
                return System.console() != null ? System.console().readLine() : STDIN.readLine();
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                return null;
            }
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    void printJson(PrintWriter w, Object value) {
        try {
            w.println(Json.MAPPER.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
