/**
 * Daemon mode and systemd at run time: the readiness reported to the launcher, the {@code
 * sd_notify} states of start-up, serving, reloading and stopping, and the watchdog; logs through
 * {@code org.slimta.system.daemon}.
 * <p>
 * Internal: not API, may change in any release. Applications use the types of the packages
 * without {@code internal} in their name.
 */
@NullMarked
package org.slimta.system.boot.internal.daemon;

import org.jspecify.annotations.NullMarked;
