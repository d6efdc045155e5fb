/**
 * Daemon mode without Spring: the detach of a JVM into a copy of itself, the readiness it reports
 * to its launcher, the locked pid file, and {@code sd_notify} states and the watchdog of systemd.
 * <p>
 * Internal: not API, may change in any release. Applications use the types of the packages
 * without {@code internal} in their name.
 */
@NullMarked
package org.slimta.system.internal.daemon;

import org.jspecify.annotations.NullMarked;
