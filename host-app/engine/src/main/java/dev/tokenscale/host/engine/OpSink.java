package dev.tokenscale.host.engine;

import dev.tokenscale.api.Operation;

/** Receives the operations of a step, each with how many times it runs (e.g. once per layer of a kind). */
@FunctionalInterface
public interface OpSink {

    /**
     * @param group what the operation belongs to, e.g. "MoE layers, sliding window" or "per step"
     * @param count how many times it runs in the step
     * @param op    the operation on one device
     */
    void accept(String group, int count, Operation op);
}
