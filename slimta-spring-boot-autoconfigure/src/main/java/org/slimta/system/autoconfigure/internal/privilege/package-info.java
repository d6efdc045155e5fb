/**
 * Wiring of the privilege drop: {@code slimta.system.privileges.*} resolved before any bean exists,
 * the runtime of {@code org.slimta.system.boot.internal.privilege} declared, and the failure analysis of a
 * drop that failed. Logs through {@code org.slimta.system.internal.privilege}.
 * <p>
 * Internal: not API, may change in any release. Applications use the types of the packages
 * without {@code internal} in their name.
 */
@NullMarked
package org.slimta.system.autoconfigure.internal.privilege;

import org.jspecify.annotations.NullMarked;
