package org.slimta.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "HUP reopens the logs": {@code POST /log?line=...} writes a line to the log, to watch it go to
 * {@code logging.file.name}, then to the new file there once logrotate moved the old one away and
 * sent SIGHUP.
 */
@RestController
class LogController {

	private static final Log logger = LogFactory.getLog(LogController.class);

	@PostMapping(path = "/log", produces = "text/plain")
	String log(@RequestParam String line) {
		logger.info(line);
		return "logged\n";
	}

}
