using Pulumi.Astro.Client;
using Pulumi.Astro.Client.Models;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Schema;
using Api = Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Provider.Resources;

/// <summary>
/// <c>astro:index:HibernationOverride</c>: the deployment sidebar's "hibernate now" / "keep awake" switch of a
/// development-mode Deployment (API fact sheet §2, §4.7, §5.5, §8). Create and update POST the override and wait until
/// the Deployment shows it (HIBERNATING or HEALTHY); delete removes it. The resource id is the Deployment's id.
/// </summary>
public sealed partial class HibernationOverride : AstroResource
{
    /// <summary>The documented default wait for the Deployment to settle after an override.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(20);

    public static readonly Prop DeploymentId = P.Str("deploymentId",
        "The development-mode Deployment (`isDevelopmentMode: true`) to override. Changing it replaces the override.").Req().Replaces();
    public static readonly Prop IsHibernatingInput = P.Bool("isHibernating",
        "True hibernates the Deployment now, false keeps it awake, whatever its hibernation schedules say.").Req();
    public static readonly Prop OverrideUntil = P.Str("overrideUntil",
        "When the override ends, an RFC 3339 time such as `2026-12-24T18:00:00Z`; a new or changed value must be in the future. " +
        "Left out, the override lasts until this resource is deleted. After it ends Astro keeps it, inactive, so the resource stays in state.");

    public static readonly Prop IsActive = P.Bool("isActive", "Whether the override is in force now (false once overrideUntil has passed).").Out().Always();
    public static readonly Prop DeploymentStatus = P.Str("deploymentStatus", "The Deployment's status: HIBERNATING or HEALTHY once the override has taken effect.").Out().Always();
    public static readonly Prop HibernationReason = P.Str("hibernationReason", "Why the Deployment is asleep or awake, as Astro reports it.").Out();
    public static readonly Prop NextEventAt = P.Str("nextEventAt", "When the Deployment next hibernates or wakes (RFC 3339), if scheduled.").Out();
    public static readonly Prop NextEventType = P.Str("nextEventType", "HIBERNATE or WAKE: what happens at nextEventAt.").Out();

    public static readonly ResourceType Schema = new("astro:index:HibernationOverride",
        "Hibernates a development-mode Deployment now, or keeps it awake, regardless of its schedules (the Astro UI's hibernation " +
        "override). Create and update wait until the Deployment is HIBERNATING (or awake and HEALTHY) while the override is active. " +
        "Delete removes the override, so the schedules apply again. Import with the Deployment's id. Do not also set " +
        "`scalingSpec.hibernationSpec.override` on the Deployment: one owner per override.",
    [
        DeploymentId, IsHibernatingInput, OverrideUntil,
        IsActive, DeploymentStatus, HibernationReason, NextEventAt, NextEventType,
    ]);

    public override ResourceType Type => Schema;

    protected override PropertyMap CheckRules(string name, PropertyMap olds, PropertyMap news, List<CheckFailure> failures)
    {
        var until = news[OverrideUntil.Name].Unwrapped;
        if (until.Kind != PropertyKind.String) return news;
        if (TimeProblem(until.AsString) is { } problem)
        {
            failures.Add(new CheckFailure(OverrideUntil.Name, problem));
            return news;
        }
        var at = DateTimeOffset.Parse(until.AsString, System.Globalization.CultureInfo.InvariantCulture);
        // Only a new or changed time must lie ahead: an override that has since expired must not block later updates.
        var unchanged = olds[OverrideUntil.Name].Unwrapped is { Kind: PropertyKind.String } old && old.AsString == until.AsString;
        if (!unchanged && at <= Clock.GetUtcNow())
            failures.Add(new CheckFailure(OverrideUntil.Name, $"must be in the future; {until.AsString} has passed"));
        return news;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?(?<zone>[Zz]|[+-]\d{2}:\d{2})?$")]
    private static partial System.Text.RegularExpressions.Regex Rfc3339Regex();

    /// <summary>
    /// Why a string is not an RFC 3339 time with a time zone (Astro refuses one without: it would not know when the
    /// override ends), or null when it is one.
    /// </summary>
    public static string? TimeProblem(string value)
    {
        var match = Rfc3339Regex().Match(value);
        if (!match.Success || !DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out _))
            return $"must be an RFC 3339 time such as 2026-12-24T18:00:00Z, not '{value}'";
        return match.Groups["zone"].Success ? null : $"'{value}' has no time zone: add Z for UTC (e.g. {value}Z) or an offset such as +01:00";
    }

    /// <summary>The clock for the "in the future" rule; tests swap it.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    protected override async Task<LiveState> CreateAsync(Operation op, PropertyMap inputs)
    {
        var id = S(inputs, DeploymentId.Name)!;
        return LiveOf(await Apply(op, inputs, id).ConfigureAwait(false), inputs);
    }

    protected override async Task<LiveState> UpdateAsync(Operation op, string id, PropertyMap oldInputs, PropertyMap oldOutputs, PropertyMap news) =>
        LiveOf(await Apply(op, news, id).ConfigureAwait(false), news);

    /// <summary>
    /// The engine creates a replacement before it deletes the old resource, unless Diff says otherwise. An override's
    /// id is its Deployment's, so the old one's delete would remove the override just created: any replacement (a
    /// changed deploymentId, the replaceOnChanges option, `pulumi up --replace`) deletes first.
    /// </summary>
    public override DiffResult Diff(PropertyMap oldInputs, PropertyMap oldOutputs, PropertyMap news) =>
        base.Diff(oldInputs, oldOutputs, news) with { DeleteBeforeReplace = true };

    protected override async Task<LiveState?> ReadAsync(Operation op, string id, PropertyMap? oldInputs, PropertyMap? oldOutputs)
    {
        if (await UnlessGone(op.Client.GetDeploymentAsync(id, op.Cancellation)).ConfigureAwait(false) is not { } d) return null;
        // Gone only when Astro says so (development mode off, or hibernation reported without an override). A lean answer
        // that says nothing about hibernation keeps the state, and on import gives the override with what Astro did not
        // report left out.
        if (d.IsDevelopmentMode == false || RemovedIn(d)) return null;
        var live = d.ScalingSpec?.HibernationSpec?.Override;
        if (live is null && oldInputs is null && !SaysNothingAboutHibernation(d)) return null;
        return new LiveState(d.Id, Map(
            Kv(DeploymentId, Str(d.Id)),
            Kv(IsHibernatingInput, Bool(live?.IsHibernating)),
            Kv(OverrideUntil, live is null ? PropertyValue.Unknown : live.OverrideUntil is { } until ? Str(Time(until)) : PropertyValue.Null)), ComputedOf(d));
    }

    public override async Task DeleteAsync(Operation op, string id, PropertyMap oldOutputs)
    {
        try
        {
            var d = await op.Client.GetDeploymentAsync(id, op.Cancellation).ConfigureAwait(false);
            // Without development mode or an override there is nothing to remove (and Astro would refuse the call).
            if (d.IsDevelopmentMode == false || RemovedIn(d)) return;
            await op.Client.DeleteHibernationOverrideAsync(id, op.Cancellation).ConfigureAwait(false);
        }
        catch (AstroApiException e) when (e.IsNotFound)
        {
            // The Deployment is gone, and its override with it.
        }
    }

    /// <summary>POSTs the override, then waits until the Deployment's status agrees with it while it is active.</summary>
    private async Task<Api.Deployment> Apply(Operation op, PropertyMap inputs, string id)
    {
        Api.Deployment current;
        try
        {
            current = await op.Client.GetDeploymentAsync(id, op.Cancellation).ConfigureAwait(false);
        }
        catch (AstroApiException e) when (e.IsNotFound)
        {
            throw new InputException($"deploymentId: Deployment {id} does not exist");
        }
        // Refused only when Astro says development mode is off: a lean answer that leaves it out says nothing.
        if (current.IsDevelopmentMode == false)
            throw new InputException($"deploymentId: Deployment {id} ('{current.Name}') is not in development mode; hibernation overrides need `isDevelopmentMode: true`");
        var hibernate = B(inputs, IsHibernatingInput.Name)!.Value;
        var set = await op.Client.SetHibernationOverrideAsync(id, new OverrideDeploymentHibernationRequest
        {
            IsHibernating = hibernate,
            OverrideUntil = S(inputs, OverrideUntil.Name) is { } until ? DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture) : null,
        }, op.Cancellation).ConfigureAwait(false);
        if (set.IsActive == false) return await op.Client.GetDeploymentAsync(id, op.Cancellation).ConfigureAwait(false);

        var target = hibernate ? "HIBERNATING" : "HEALTHY";
        var table = new WaitTable($"Deployment {id} to {(hibernate ? "hibernate" : "wake up")}",
            Pending: ["CREATING", "DEPLOYING", "UNHEALTHY", "UNKNOWN", hibernate ? "HEALTHY" : "HIBERNATING"], Done: [target], Failed: []);
        Api.Deployment? last = null;
        try
        {
            return await op.Waiter.WaitAsync(table, async ct => last = await op.Client.GetDeploymentAsync(id, ct).ConfigureAwait(false),
                d => d.Status.Value, d => d.StatusReason, TimeoutOr(op, DefaultTimeout), op.Progress, op.Cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WaitTimeoutException or OperationCanceledException or AstroException)
        {
            // The override is set in Astro: keep it in state so the next `pulumi up` only has to wait again.
            var reason = e is OperationCanceledException ? "the wait was cancelled" : e.Message;
            throw new ResourceInitFailedException(id, Outputs(inputs, last is null ? new LiveState(id, inputs, PropertyMap.Empty) : LiveOf(last, inputs)), inputs,
                $"the hibernation override of Deployment {id} is set, but the Deployment did not become {target}: {reason}");
        }
    }

    /// <summary>Astro's answer speaks about hibernation (a scaling spec or scaling status), and shows no override.</summary>
    private static bool RemovedIn(Api.Deployment d) => !SaysNothingAboutHibernation(d) && d.ScalingSpec?.HibernationSpec?.Override is null;

    /// <summary>
    /// A lean answer: neither the scaling spec nor the scaling status, both optional in the API. Astro reports a
    /// development-mode Deployment's scaling status even when it has no override or schedules.
    /// </summary>
    private static bool SaysNothingAboutHibernation(Api.Deployment d) => d.ScalingSpec is null && d.ScalingStatus is null;

    private static LiveState LiveOf(Api.Deployment d, PropertyMap inputs) => new(d.Id, inputs, ComputedOf(d));

    private static PropertyMap ComputedOf(Api.Deployment d)
    {
        var status = d.ScalingStatus?.HibernationStatus;
        return Map(
            Kv(IsActive, Bool(d.ScalingSpec?.HibernationSpec?.Override?.IsActive)),
            Kv(DeploymentStatus, Str(d.Status.Value)),
            Kv(HibernationReason, Str(status?.Reason)),
            Kv(NextEventAt, Str(status?.NextEventAt)),
            Kv(NextEventType, Str(status?.NextEventType?.Value)));
    }
}
