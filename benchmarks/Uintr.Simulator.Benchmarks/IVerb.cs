namespace Uintr.Simulator.Benchmarks;

/// <summary>One subcommand of the benchmark tool (validate, and later stress, speed, ...).</summary>
internal interface IVerb
{
    /// <summary>The word on the command line.</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Summary { get; }

    /// <summary>Runs the subcommand with the arguments after the verb; returns the exit code.</summary>
    int Run(string[] args);
}
