/**
 * The privilege drop: {@code slimta.system.privileges.*} resolved before any bean exists, the drop
 * once every web server listens, the request gates that hold requests until then, and the failure
 * analysis of a drop that failed. Logs through {@code org.slimta.system.privilege}.
 */
@NullMarked
package org.slimta.system.autoconfigure.privilege;

import org.jspecify.annotations.NullMarked;
