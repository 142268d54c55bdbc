/**
 * The backend contract suite, shipped in the test jar so that every backend module runs the same
 * expectations.
 */
package io.cashews.backend;
