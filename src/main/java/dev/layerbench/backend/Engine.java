package dev.layerbench.backend;

/** The array library a backend runs: ND4J (one of its native builds) or PyTorch through DJL. */
public enum Engine {
    ND4J,
    PYTORCH
}
