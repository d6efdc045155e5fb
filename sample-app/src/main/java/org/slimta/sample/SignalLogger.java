package org.slimta.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slimta.system.signal.SignalEvent;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs every signal the application receives, with its sender.
 */
@Component
class SignalLogger {

	private static final Log logger = LogFactory.getLog(SignalLogger.class);

	@EventListener
	void on(SignalEvent event) {
		logger.info("received " + event.getSignal() + " from pid " + event.getSenderPid() + " (uid "
				+ event.getSenderUid() + ")");
	}

}
