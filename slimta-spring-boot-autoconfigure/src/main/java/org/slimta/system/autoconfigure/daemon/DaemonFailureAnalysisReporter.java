package org.slimta.system.autoconfigure.daemon;

import org.slimta.system.daemon.ReadinessPipe;

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
			pipe.failed("APPLICATION FAILED TO START\n\nDescription:\n\n" + analysis.getDescription()
					+ ((analysis.getAction() != null) ? "\n\nAction:\n\n" + analysis.getAction() : ""));
		}
	}

}
