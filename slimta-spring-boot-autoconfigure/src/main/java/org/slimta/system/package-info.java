/**
 * What every feature of the system helpers shares: the identity of the process, the state a feature
 * reports to the health, and the failure of a setting whose value cannot be used.
 */
@NullMarked
package org.slimta.system;

import org.jspecify.annotations.NullMarked;
