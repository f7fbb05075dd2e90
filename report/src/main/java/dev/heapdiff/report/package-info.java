/**
 * Tables as heapy prints them, and the same tables as CSV, JSON, Markdown and a sortable HTML page.
 * The package knows nothing of heaps: a row is a kind's name with a count and a size, or one object's
 * representation with its size.
 *
 * <p>{@link dev.heapdiff.report.Partition} (rows of {@link dev.heapdiff.report.PartitionRow}) is
 * heapy's partition table, {@link dev.heapdiff.report.IdPartition} (rows of
 * {@link dev.heapdiff.report.IdRow}) its identity table ({@code .byid}), and
 * {@link dev.heapdiff.report.Table} a plain table of named columns. {@link dev.heapdiff.report.HeapyText}
 * renders the first two as heapy's text, a page of ten rows at a time; {@link dev.heapdiff.report.Csv},
 * {@link dev.heapdiff.report.Json}, {@link dev.heapdiff.report.Markdown} and
 * {@link dev.heapdiff.report.Html} write every row. The package has no dependencies beyond the JDK.
 */
package dev.heapdiff.report;
