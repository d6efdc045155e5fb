package org.slimta.system.autoconfigure.internal.daemon;

import org.slimta.system.internal.daemon.ReadinessPipe;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * In a detached process, hands the explanation of a failed start to the launching process, which
 * prints it and exits non-zero: the detached process's own output goes to {@code /dev/null} or a
 * file nobody watches at that moment.
 */
class DaemonFailureAnalysisReporter implements FailureAnalysisReporter {

	@Override
	public void report(FailureAnalysis analysis) {
		ReadinessPipe pipe = ReadinessPipe.current();
		if (pipe != null) {
			pipe.failed(text(analysis));
		}
	}

	/**
	 * A failure analysis as a launcher prints it on its standard error, whichever process found
	 * the failure: headed as Spring Boot heads it, without the log line.
	 * @param analysis the analysis
	 * @return the text
	 */
	static String text(FailureAnalysis analysis) {
		return "APPLICATION FAILED TO START\n\nDescription:\n\n" + analysis.getDescription()
				+ ((analysis.getAction() != null) ? "\n\nAction:\n\n" + analysis.getAction() : "");
	}

}
