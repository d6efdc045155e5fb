/**
 * The {@code ChildProcessLauncher}, which starts child processes with a clean signal mask.
 */
package org.slimta.system.autoconfigure.process;
