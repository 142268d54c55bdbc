package io.cashews.sample;

/** The user a request is made for. */
public record User(String uid, String name) {}
