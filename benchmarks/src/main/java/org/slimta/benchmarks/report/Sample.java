package org.slimta.benchmarks.report;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * Measured values of one figure, summarised as a median with its spread.
 */
public final class Sample {

	private final double[] sorted;

	private Sample(double[] values) {
		if (values.length == 0) {
			throw new IllegalArgumentException("no values");
		}
		this.sorted = values.clone();
		Arrays.sort(this.sorted);
	}

	public static Sample of(double... values) {
		return new Sample(values);
	}

	public static Sample of(Collection<? extends Number> values) {
		return new Sample(values.stream().mapToDouble(Number::doubleValue).toArray());
	}

	public int size() {
		return this.sorted.length;
	}

	public double median() {
		return quantile(0.5);
	}

	public double min() {
		return this.sorted[0];
	}

	public double max() {
		return this.sorted[this.sorted.length - 1];
	}

	/**
	 * The quantile by linear interpolation between closest ranks.
	 * @param q from 0 to 1
	 * @return the value
	 */
	public double quantile(double q) {
		double rank = q * (this.sorted.length - 1);
		int below = (int) Math.floor(rank);
		int above = Math.min(below + 1, this.sorted.length - 1);
		return this.sorted[below] + (rank - below) * (this.sorted[above] - this.sorted[below]);
	}

	/**
	 * Median and range, for example {@code 2150 (2010–2390)}.
	 * @param decimals digits after the point
	 * @return the text
	 */
	public String medianAndRange(int decimals) {
		return format(median(), decimals) + " (" + format(min(), decimals) + "–" + format(max(), decimals) + ")";
	}

	/**
	 * Median and interquartile range, for example {@code 41 (IQR 38–47)}.
	 * @param decimals digits after the point
	 * @return the text
	 */
	public String medianAndQuartiles(int decimals) {
		return format(median(), decimals) + " (IQR " + format(quantile(0.25), decimals) + "–"
				+ format(quantile(0.75), decimals) + ")";
	}

	/**
	 * The ratio of this median to a baseline's, for example {@code 1.04}.
	 * @param baseline the baseline measured in the same run
	 * @return the text
	 */
	public String ratioTo(Sample baseline) {
		return format(median() / baseline.median(), 2);
	}

	static String format(double value, int decimals) {
		return String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

}
