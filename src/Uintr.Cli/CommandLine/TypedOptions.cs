using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Linq;

namespace Uintr.Cli.CommandLine;

/// <summary>
/// Options whose parse errors name the option, the value typed and what is allowed, on one line. Shared by the
/// <c>uintr</c> command and the samples, so every program of the repository reports bad input the same way.
/// </summary>
internal static class TypedOptions
{
    /// <summary>An integer option limited to <paramref name="minimum"/>..<paramref name="maximum"/>.</summary>
    public static Option<int> Integer(string name, string description, int minimum, int maximum, int defaultValue, params string[] aliases)
    {
        var option = new Option<int>(name, aliases)
        {
            Description = $"{description} [{Range(minimum, maximum)}]",
            HelpName = "N",
            DefaultValueFactory = _ => defaultValue,
        };
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return defaultValue;
            }

            string text = result.Tokens[^1].Value;
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            {
                result.AddError($"{name}: '{text}' is not an integer; expected {Range(minimum, maximum)}.");
                return defaultValue;
            }

            if (value < minimum || value > maximum)
            {
                result.AddError($"{name}: {text} is out of range; expected {Range(minimum, maximum)}.");
                return defaultValue;
            }

            return value;
        };
        return option;
    }

    /// <summary>An option whose value is one of <paramref name="names"/> (case-insensitive); the value is returned as listed.</summary>
    public static Option<string> OneOf(string name, string description, IReadOnlyList<string> names, string defaultValue)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            HelpName = string.Join('|', names),
            DefaultValueFactory = _ => defaultValue,
        };
        option.CustomParser = result => Choose(result, name, names, defaultValue);
        option.CompletionSources.Add(names.ToArray());
        return option;
    }

    /// <summary>An argument whose value is one of <paramref name="names"/> (case-insensitive).</summary>
    public static Argument<string> OneOf(string name, string description, IReadOnlyList<string> names)
    {
        var argument = new Argument<string>(name)
        {
            Description = description,
            HelpName = string.Join('|', names),
        };
        argument.CustomParser = result => Choose(result, name, names, defaultValue: null);
        argument.CompletionSources.Add(names.ToArray());
        return argument;
    }

    /// <summary>A comma-separated list of <paramref name="names"/>; each name is checked.</summary>
    public static Option<IReadOnlyList<string>> ListOf(string name, string description, IReadOnlyList<string> names, string defaultValue)
    {
        var option = new Option<IReadOnlyList<string>>(name)
        {
            Description = $"{description} [comma-separated]",
            HelpName = string.Join(',', names),
            DefaultValueFactory = _ => defaultValue.Split(','),
        };
        option.CustomParser = result =>
        {
            string text = result.Tokens.Count == 0 ? defaultValue : result.Tokens[^1].Value;
            var chosen = new List<string>();
            foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                string? match = names.FirstOrDefault(n => n.Equals(part, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    result.AddError($"{name}: '{part}' is not one of {string.Join(", ", names)}.");
                    return Array.Empty<string>();
                }

                chosen.Add(match);
            }

            if (chosen.Count == 0)
            {
                result.AddError($"{name}: '{text}' names nothing; expected one or more of {string.Join(", ", names)}.");
            }

            return chosen;
        };
        return option;
    }

    /// <summary>A path option that must not be empty or blank (the file system's own errors come when it is used).</summary>
    public static Option<string> Path(string name, string description, string defaultValue, string helpName)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            HelpName = helpName,
            DefaultValueFactory = _ => defaultValue,
        };
        option.CustomParser = result =>
        {
            string text = result.Tokens.Count == 0 ? defaultValue : result.Tokens[^1].Value;
            if (string.IsNullOrWhiteSpace(text))
            {
                result.AddError($"{name}: the path is empty.");
            }

            return text;
        };
        return option;
    }

    private static string Choose(ArgumentResult result, string name, IReadOnlyList<string> names, string? defaultValue)
    {
        if (result.Tokens.Count == 0)
        {
            return defaultValue ?? string.Empty;
        }

        string text = result.Tokens[^1].Value;
        string? match = names.FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            result.AddError($"{name}: '{text}' is not one of {string.Join(", ", names)}.");
            return defaultValue ?? string.Empty;
        }

        return match;
    }

    private static string Range(int minimum, int maximum) =>
        maximum == int.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"an integer >= {minimum}")
            : string.Create(CultureInfo.InvariantCulture, $"an integer from {minimum} to {maximum}");
}
