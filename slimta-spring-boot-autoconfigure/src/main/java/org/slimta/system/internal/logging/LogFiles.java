package org.slimta.system.internal.logging;

import java.util.List;

/**
 * The files a logging library writes, reopened at their configured paths: after logrotate moved
 * a file away, the lines that follow go to a new file at the path, and none is lost on the way.
 */
public interface LogFiles {

	/**
	 * Reopen every file the logging library writes.
	 * @return what happened to each file, in no particular order
	 */
	List<LogFileReopening> reopen();

}
