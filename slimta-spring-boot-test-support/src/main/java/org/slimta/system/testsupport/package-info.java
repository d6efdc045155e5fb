/**
 * What the tests and benchmarks share to observe a real process from outside: a child JVM that
 * always ends with its test ({@link org.slimta.system.testsupport.JavaProcess}), what the kernel
 * shows of a process under {@code /proc} ({@link org.slimta.system.testsupport.ProcProcess}), and the
 * assumptions of the tests that need Linux or root ({@link org.slimta.system.testsupport.Linux}).
 */
package org.slimta.system.testsupport;
