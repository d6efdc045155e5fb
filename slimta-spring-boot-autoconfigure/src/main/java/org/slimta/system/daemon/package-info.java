/**
 * Daemon mode without Spring: the detach of a JVM into a copy of itself, the readiness it reports
 * to its launcher, the locked pid file, and {@code sd_notify} states and the watchdog of systemd.
 * <p>
 * Applications name {@link NotifyMode}, {@link Umask}; the implementation is in
 * {@code org.slimta.system.internal.daemon}, which is internal.
 */
@NullMarked
package org.slimta.system.daemon;

import org.jspecify.annotations.NullMarked;
