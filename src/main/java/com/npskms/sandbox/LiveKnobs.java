package com.npskms.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** The knobs of one running sandbox. */
final class LiveKnobs implements SandboxKnobs {
    private record Pending(Fault fault, AtomicInteger remaining) {
    }

    private volatile long latencyMillis;
    private final Account account;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile double rate;
    private volatile Fault rateFault;

    LiveKnobs(Account account, Duration latency, Duration propagation) {
        this.account = account;
        latency(latency);
        propagationDelay(propagation);
    }

    @Override
    public void latency(Duration perCall) {
        latencyMillis = perCall == null ? 0 : Math.max(0, perCall.toMillis());
    }

    long latencyMillis() {
        return latencyMillis;
    }

    @Override
    public void propagationDelay(Duration delay) {
        account.propagationMillis = delay == null ? 0 : Math.max(0, delay.toMillis());
    }

    @Override
    public void failNext(String action, Fault fault, int times) {
        if (action == null || fault == null || times <= 0) {
            throw new IllegalArgumentException("failNext needs an action (or \"*\"), a fault and a positive count");
        }
        pending.put(action, new Pending(fault, new AtomicInteger(times)));
    }

    @Override
    public void failRate(double fraction, Fault fault) {
        if (fraction < 0 || fraction > 1 || (fraction > 0 && fault == null)) {
            throw new IllegalArgumentException("failRate needs a fraction between 0 and 1 and a fault");
        }
        rateFault = fault;
        rate = fraction;
    }

    @Override
    public void clearFaults() {
        pending.clear();
        rate = 0;
    }

    /** The fault this call of {@code action} answers with, or null; counts down failNext. */
    Fault faultFor(String action) {
        for (String key : new String[] {action, "*"}) {
            Pending p = pending.get(key);
            if (p != null) {
                int left = p.remaining().getAndDecrement();
                if (left > 0) {
                    if (left == 1) {
                        pending.remove(key, p);
                    }
                    return p.fault();
                }
                pending.remove(key, p);
            }
        }
        double r = rate;
        Fault f = rateFault;
        if (r > 0 && f != null && ThreadLocalRandom.current().nextDouble() < r) {
            return f;
        }
        return null;
    }
}
