/**
 * The report: a small document model ({@link io.scorescope.report.Report}, {@link io.scorescope.report.Section},
 * {@link io.scorescope.report.Figure} and its kinds) and its renderers. {@link io.scorescope.report.ReportFiles#writeAll}
 * writes report.html (one self-contained offline file, see {@link io.scorescope.report.HtmlReportWriter}),
 * figures/*.png ({@link io.scorescope.report.PngFigureWriter}) and tables/*.csv ({@link io.scorescope.report.CsvWriter}).
 * The tests verify a written report in headless Chromium (io.scorescope.testsupport.BrowserCheck, test-support module).
 */
package io.scorescope.report;
