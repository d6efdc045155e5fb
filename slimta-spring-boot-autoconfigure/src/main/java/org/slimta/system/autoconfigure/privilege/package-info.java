/**
 * Wiring of the privilege drop: {@code slimta.system.privileges.*} resolved before any bean exists,
 * the runtime of {@code org.slimta.system.boot.privilege} declared, and the failure analysis of a
 * drop that failed. Logs through {@code org.slimta.system.privilege}.
 */
@NullMarked
package org.slimta.system.autoconfigure.privilege;

import org.jspecify.annotations.NullMarked;
