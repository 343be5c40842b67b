using System;
using System.Collections.Generic;
using Spectre.Console;

namespace PingPong;

/// <summary>One piece of work shown as a progress bar: <see cref="Work"/> reports how far it got, out of <see cref="Total"/>.</summary>
internal sealed record ProgressStep(string Label, double Total, Action<Action<double>> Work);

/// <summary>Runs steps behind a progress bar when the terminal is interactive and the work is long enough to need one.</summary>
internal static class ProgressSteps
{
    /// <summary>Runs that are expected to take less than this show no bar.</summary>
    public static readonly TimeSpan Threshold = TimeSpan.FromSeconds(1);

    public static void Run(TimeSpan estimate, IReadOnlyList<ProgressStep> steps)
    {
        // A bar only makes sense on a live terminal; redirected output (CI, files) stays free of control sequences.
        if (estimate < Threshold || !AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            foreach (var step in steps)
            {
                step.Work(_ => { });
            }

            return;
        }

        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var tasks = new List<ProgressTask>();
                foreach (var step in steps)
                {
                    tasks.Add(context.AddTask(Markup.Escape(step.Label), autoStart: false, maxValue: Math.Max(1, step.Total)));
                }

                for (int i = 0; i < steps.Count; i++)
                {
                    var task = tasks[i];
                    task.StartTask();
                    steps[i].Work(value => task.Value = value);
                    task.Value = task.MaxValue;
                    task.StopTask();
                }
            });
    }
}
