/**
 * Daemon mode and systemd at run time: the readiness reported to the launcher, the {@code
 * sd_notify} states of start-up, serving, reloading and stopping, and the watchdog; logs through
 * {@code org.slimta.system.daemon}.
 */
@NullMarked
package org.slimta.system.boot.daemon;

import org.jspecify.annotations.NullMarked;
