using Cronos;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Simulator.Validation;

namespace Pulumi.Astro.Simulator;

/// <summary>The hibernation state of a development-mode deployment, derived at any moment from its spec (§5.3, §5.5).</summary>
internal sealed record HibernationState(bool IsHibernating, string? Reason, DateTimeOffset? NextEventAt, string? NextEventType, bool OverrideActive);

internal static class Hibernation
{
    // How far back to look for the last scheduled event; a weekly schedule is the longest period that matters.
    private static readonly TimeSpan Lookback = TimeSpan.FromDays(8);

    public static bool OverrideActive(JObject? overrideSpec, DateTimeOffset now)
    {
        if (overrideSpec?["isHibernating"] is not { Type: JTokenType.Boolean }) return false;
        if (overrideSpec["overrideUntil"] is { Type: JTokenType.String } until && Formats.TryParseTime((string)until!, out var t))
            return now < t;
        return true;
    }

    public static HibernationState Evaluate(JObject? hibernationSpec, DateTimeOffset now)
    {
        var overrideSpec = hibernationSpec?["override"] as JObject;
        var schedules = (hibernationSpec?["schedules"] as JArray ?? [])
            .OfType<JObject>()
            .Where(s => s["isEnabled"]?.Type == JTokenType.Boolean && (bool)s["isEnabled"]!)
            .ToList();

        DateTimeOffset? lastEvent = null;
        var lastIsHibernate = false;
        DateTimeOffset? nextEvent = null;
        string? nextType = null;
        foreach (var schedule in schedules)
        {
            foreach (var (field, isHibernate) in new[] { ("hibernateAtCron", true), ("wakeAtCron", false) })
            {
                var cron = CronExpression.Parse((string)schedule[field]!, CronFormat.Standard);
                if (Last(cron, now) is { } last && (lastEvent is null || last > lastEvent))
                {
                    lastEvent = last;
                    lastIsHibernate = isHibernate;
                }
                if (cron.GetNextOccurrence(now, TimeZoneInfo.Utc) is { } next && (nextEvent is null || next < nextEvent))
                {
                    nextEvent = next;
                    nextType = isHibernate ? "HIBERNATE" : "WAKE";
                }
            }
        }

        if (OverrideActive(overrideSpec, now))
        {
            var hibernating = (bool)overrideSpec!["isHibernating"]!;
            DateTimeOffset? until = overrideSpec["overrideUntil"] is { Type: JTokenType.String } u && Formats.TryParseTime((string)u!, out var t) ? t : null;
            return new HibernationState(hibernating, hibernating ? "Hibernating: override in force" : "Awake: override in force",
                until ?? nextEvent, until is not null ? (hibernating ? "WAKE" : "HIBERNATE") : nextType, true);
        }
        var asleep = lastEvent is not null && lastIsHibernate;
        return new HibernationState(asleep, schedules.Count == 0 ? null : asleep ? "Hibernating on schedule" : "Awake on schedule",
            nextEvent, nextType, false);
    }

    private static DateTimeOffset? Last(CronExpression cron, DateTimeOffset now)
    {
        DateTimeOffset? last = null;
        var from = now - Lookback;
        foreach (var occurrence in cron.GetOccurrences(from, now, TimeZoneInfo.Utc, fromInclusive: true, toInclusive: true))
            last = occurrence;
        return last;
    }
}
