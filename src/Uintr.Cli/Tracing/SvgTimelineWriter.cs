using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace Uintr.Cli.Tracing;

/// <summary>
/// Draws a <see cref="Timeline"/> as SVG: one row (<c>&lt;g class="core"&gt;</c>) per core with its threads' lifetimes
/// as pale bars, trampoline runs as solid bars and instants (sends, notifications, handlers, system calls, context
/// switches, flag changes) as coloured ticks; every mark has a tooltip. A time axis in microseconds runs underneath.
/// </summary>
internal static class SvgTimelineWriter
{
    private const double Width = 1400;
    private const double Left = 110;
    private const double Right = 20;
    private const double Top = 40;
    private const double RowHeight = 56;
    private const double AxisHeight = 40;
    private const double LegendHeight = 30;

    private static readonly (string Category, string Colour)[] s_palette =
    {
        ("thread", "#dbe7f5"),
        ("waiting", "#f3f0e8"),
        ("blocked", "#ced4da"),
        ("masked-pending", "#ffc078"),
        ("trampoline", "#d9480f"),
        ("send", "#1971c2"),
        ("notification", "#7048e8"),
        ("interrupt", "#495057"),
        ("handler", "#2f9e44"),
        ("syscall", "#868e96"),
        ("context-switch", "#e64980"),
        ("flag", "#f08c00"),
        ("fault", "#e03131"),
    };

    public static string Write(Timeline timeline)
    {
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true };
        using (var xml = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), settings))
        {
            Write(timeline, xml);
        }

        return text.ToString();
    }

    private static void Write(Timeline timeline, XmlWriter xml)
    {
        const string Ns = "http://www.w3.org/2000/svg";
        double height = Top + (timeline.Cores * RowHeight) + AxisHeight + LegendHeight;
        double plot = Width - Left - Right;
        long end = Math.Max(1, timeline.EndCycle);
        double X(long cycle) => Left + (plot * cycle / end);

        xml.WriteStartElement("svg", Ns);
        Attr(xml, "width", Width);
        Attr(xml, "height", height);
        xml.WriteAttributeString("viewBox", string.Create(CultureInfo.InvariantCulture, $"0 0 {Width} {height}"));
        xml.WriteAttributeString("font-family", "sans-serif");
        xml.WriteAttributeString("font-size", "12");

        xml.WriteStartElement("text", Ns);
        Attr(xml, "x", 10);
        Attr(xml, "y", 22);
        xml.WriteAttributeString("font-size", "15");
        xml.WriteString(string.Create(CultureInfo.InvariantCulture,
            $"Simulated timeline: {timeline.Cores} cores, {timeline.Threads.Count} threads, {timeline.EndMicroseconds:0.###} us at {timeline.FrequencyHz / 1e9:0.0##} GHz"));
        xml.WriteEndElement();

        for (int core = 0; core < timeline.Cores; core++)
        {
            double top = Top + (core * RowHeight);
            xml.WriteStartElement("g", Ns);
            xml.WriteAttributeString("class", "core");
            xml.WriteAttributeString("data-core", core.ToString(CultureInfo.InvariantCulture));

            Rect(xml, Ns, Left, top + 4, plot, RowHeight - 8, core % 2 == 0 ? "#f8f9fa" : "#f1f3f5", null);
            xml.WriteStartElement("text", Ns);
            Attr(xml, "x", 10);
            Attr(xml, "y", top + (RowHeight / 2) + 4);
            xml.WriteString($"core {core}");
            xml.WriteEndElement();

            foreach (var span in timeline.Spans.Where(s => s.Core == core).OrderBy(s => s.Category is "thread" or "waiting" ? 0 : 1))
            {
                // Thread lifetimes (busy or only waiting) are the row's background band; blocked periods, kernel work and
                // interrupts held pending by UIF = 0 sit inside it; trampolines on top.
                bool thread = span.Category is "thread" or "waiting";
                bool band = span.Category is "blocked" or "context-switch" or "masked-pending";
                double y = thread ? top + 8 : band ? top + 24 : top + 14;
                double h = thread ? RowHeight - 16 : band ? 8 : 10;
                string tip = string.Create(CultureInfo.InvariantCulture,
                    $"{span.Name} on core {core}: cycles {span.StartCycle}-{span.EndCycle} ({timeline.Microseconds(span.EndCycle - span.StartCycle):0.###} us) {span.Detail}");
                Rect(xml, Ns, X(span.StartCycle), y, Math.Max(1.5, X(span.EndCycle) - X(span.StartCycle)), h, Colour(span.Category), tip, span.Category);
                if (thread)
                {
                    xml.WriteStartElement("text", Ns);
                    Attr(xml, "x", X(span.StartCycle) + 4);
                    Attr(xml, "y", top + 20);
                    xml.WriteAttributeString("fill", span.Category == "waiting" ? "#868e96" : "#1c7ed6");
                    xml.WriteString(span.Category == "waiting" ? $"{span.Thread} (waiting)" : span.Thread);
                    xml.WriteEndElement();
                }
            }

            foreach (var instant in timeline.Instants.Where(i => i.Core == core))
            {
                double x = X(instant.Cycle);
                xml.WriteStartElement("line", Ns);
                xml.WriteAttributeString("class", instant.Category);
                Attr(xml, "x1", x);
                Attr(xml, "x2", x);
                Attr(xml, "y1", top + RowHeight - 22);
                Attr(xml, "y2", top + RowHeight - 8);
                xml.WriteAttributeString("stroke", Colour(instant.Category));
                xml.WriteAttributeString("stroke-width", "1.5");
                Title(xml, Ns, string.Create(CultureInfo.InvariantCulture,
                    $"{instant.Name} ({instant.Category}) cycle {instant.Cycle}{(instant.Vector >= 0 ? $" vector {instant.Vector}" : string.Empty)} {instant.Thread} {instant.Detail}"));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        WriteAxis(xml, Ns, timeline, Top + (timeline.Cores * RowHeight), plot);
        WriteLegend(xml, Ns, Top + (timeline.Cores * RowHeight) + AxisHeight);
        xml.WriteEndElement();
    }

    private static void WriteAxis(XmlWriter xml, string ns, Timeline timeline, double y, double plot)
    {
        xml.WriteStartElement("g", ns);
        xml.WriteAttributeString("class", "axis");
        double total = timeline.EndMicroseconds;
        double step = NiceStep(total / 10);
        for (double us = 0; us <= total + 1e-9 && step > 0; us += step)
        {
            double x = Left + (total == 0 ? 0 : plot * us / total);
            xml.WriteStartElement("line", ns);
            Attr(xml, "x1", x);
            Attr(xml, "x2", x);
            Attr(xml, "y1", y);
            Attr(xml, "y2", y + 6);
            xml.WriteAttributeString("stroke", "#343a40");
            xml.WriteEndElement();
            xml.WriteStartElement("text", ns);
            Attr(xml, "x", x);
            Attr(xml, "y", y + 20);
            xml.WriteAttributeString("text-anchor", "middle");
            xml.WriteString(string.Create(CultureInfo.InvariantCulture, $"{us:0.##} us"));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteLegend(XmlWriter xml, string ns, double y)
    {
        xml.WriteStartElement("g", ns);
        xml.WriteAttributeString("class", "legend");
        double x = Left;
        foreach (var (category, colour) in s_palette)
        {
            Rect(xml, ns, x, y + 6, 12, 12, colour, null);
            xml.WriteStartElement("text", ns);
            Attr(xml, "x", x + 16);
            Attr(xml, "y", y + 16);
            xml.WriteString(category);
            xml.WriteEndElement();
            x += 30 + (category.Length * 7);
        }

        xml.WriteEndElement();
    }

    private static void Rect(XmlWriter xml, string ns, double x, double y, double width, double height, string fill, string? title, string? cssClass = null)
    {
        xml.WriteStartElement("rect", ns);
        if (cssClass is not null)
        {
            xml.WriteAttributeString("class", cssClass);
        }

        Attr(xml, "x", x);
        Attr(xml, "y", y);
        Attr(xml, "width", width);
        Attr(xml, "height", height);
        xml.WriteAttributeString("fill", fill);
        if (title is not null)
        {
            Title(xml, ns, title);
        }

        xml.WriteEndElement();
    }

    private static void Title(XmlWriter xml, string ns, string text)
    {
        xml.WriteStartElement("title", ns);
        xml.WriteString(text.Trim());
        xml.WriteEndElement();
    }

    private static void Attr(XmlWriter xml, string name, double value) =>
        xml.WriteAttributeString(name, value.ToString("0.##", CultureInfo.InvariantCulture));

    private static string Colour(string category) => s_palette.FirstOrDefault(p => p.Category == category).Colour ?? "#000000";

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="raw"/>.</summary>
    private static double NiceStep(double raw)
    {
        if (raw <= 0)
        {
            return 1;
        }

        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (double factor in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (factor * power >= raw)
            {
                return factor * power;
            }
        }

        return 10 * power;
    }
}
