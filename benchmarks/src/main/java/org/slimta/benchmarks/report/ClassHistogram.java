package org.slimta.benchmarks.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live objects per class, as {@code jcmd <pid> GC.class_histogram} prints them after a full
 * collection.
 */
record ClassHistogram(Map<String, Long> bytesPerClass, long totalBytes) {

	// "   1:         12345        678900  java.lang.String (java.base@17)"
	private static final Pattern ROW = Pattern.compile("\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+).*");

	private static final Pattern TOTAL = Pattern.compile("Total\\s+\\d+\\s+(\\d+).*");

	static ClassHistogram parse(List<String> lines) {
		Map<String, Long> bytes = new LinkedHashMap<>();
		long total = -1;
		for (String line : lines) {
			Matcher row = ROW.matcher(line);
			Matcher sum = TOTAL.matcher(line.strip());
			if (row.matches()) {
				bytes.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
			}
			else if (sum.matches()) {
				total = Long.parseLong(sum.group(1));
			}
		}
		if (total < 0) {
			throw new IllegalStateException("no total in the class histogram: " + lines);
		}
		return new ClassHistogram(bytes, total);
	}

	/**
	 * Bytes of the objects whose class is in one of these packages (arrays of them included).
	 * @param packages package names
	 * @return the bytes
	 */
	long bytesInPackages(Set<String> packages) {
		long sum = 0;
		for (Map.Entry<String, Long> entry : this.bytesPerClass.entrySet()) {
			String name = entry.getKey().replaceFirst("^\\[+L", "").replace(";", "");
			int dot = name.lastIndexOf('.');
			if (dot > 0 && packages.contains(name.substring(0, dot))) {
				sum += entry.getValue();
			}
		}
		return sum;
	}

}
