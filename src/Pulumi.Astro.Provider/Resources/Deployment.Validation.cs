using System.Globalization;
using System.Text.RegularExpressions;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Schema;

namespace Pulumi.Astro.Provider.Resources;

/// <summary>The Deployment's Check rules: API fact sheet §8, reported with the property path and the rule.</summary>
public sealed partial class Deployment
{
    [GeneratedRegex(@"^\+?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?\d+)?$")]
    private static partial Regex QuantityRegex();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailRegex();

    protected override PropertyMap CheckRules(string name, PropertyMap olds, PropertyMap news, List<CheckFailure> failures)
    {
        // The name defaults to the resource name; a name from an earlier run stays (§2.4: never re-derive it).
        if (!news.Has(Name.Name))
        {
            news = news.With(Name.Name, olds.Has(Name.Name) ? olds[Name.Name] : PropertyValue.From(name));
            if (Known(news, Name) is { Length: > 100 } defaulted)
                failures.Add(new CheckFailure(Name.Name, $"defaults to the resource name, which has {defaulted.Length} characters; Astro allows at most 100: set name"));
        }

        // A type this provider does not know (Astro reported it; the generic rules let it pass) has no rules here yet:
        // its type-specific inputs are left as they are rather than judged by another type's rules.
        var type = Known(news, TypeProp);
        if (type is null || !DeploymentTypeEnum.Allows(type)) return news;
        var hosted = type != "HYBRID";
        void Fail(string path, string reason) => failures.Add(new CheckFailure(path, reason));
        void Forbid(Prop prop, string why)
        {
            if (news.Has(prop.Name)) Fail(prop.Name, why);
        }

        if (type == "STANDARD")
        {
            Forbid(ClusterId, "is not allowed for STANDARD Deployments; set cloudProvider and region instead");
            if (!news.Has(CloudProvider.Name)) Fail(CloudProvider.Name, "is required for STANDARD Deployments");
            if (!news.Has(Region.Name)) Fail(Region.Name, "is required for STANDARD Deployments");
        }
        else
        {
            if (!news.Has(ClusterId.Name)) Fail(ClusterId.Name, $"is required for {type} Deployments");
            Forbid(CloudProvider, $"is not allowed for {type} Deployments: the cluster decides it");
            Forbid(Region, $"is not allowed for {type} Deployments: the cluster decides it");
        }

        var executor = Known(news, Executor) ?? "CELERY";
        // An executor this provider does not know (Astro reported it): no executor-specific rule applies.
        var executorKnown = ExecutorEnum.Allows(executor);
        var remote = news[RemoteExecution.Name].Unwrapped;
        var remoteOn = remote.Kind == PropertyKind.Object && remote.AsObject["enabled"].Unwrapped is { Kind: PropertyKind.Bool } e && e.AsBool;
        if (remoteOn && !(type == "DEDICATED" && executor == "ASTRO"))
            Fail(RemoteExecution.Name, "Remote Execution is only available for DEDICATED Deployments with the ASTRO executor");

        if (hosted)
        {
            Forbid(Scheduler, "is only for HYBRID Deployments; hosted Deployments use schedulerSize");
            Forbid(TaskPodNodePoolId, "is only for HYBRID Deployments");
            var podCpu = CheckQuantityPair(news, DefaultTaskPodCpu, DefaultTaskPodMemory, required: !remoteOn, Fail);
            var quotaCpu = CheckQuantityPair(news, ResourceQuotaCpu, ResourceQuotaMemory, required: !remoteOn, Fail);
            if (podCpu > quotaCpu)
                Fail(DefaultTaskPodCpu.Name, $"must not exceed {ResourceQuotaCpu.Name}: a task pod cannot have more CPU ({Known(news, DefaultTaskPodCpu)}) " +
                    $"than the whole Deployment's quota ({Known(news, ResourceQuotaCpu)})");
            CheckScaling(news, olds, Fail);
        }
        else
        {
            if (executor == "ASTRO") Fail(Executor.Name, "must be CELERY or KUBERNETES for HYBRID Deployments");
            foreach (var p in new[] { IsDevelopmentMode, IsHighAvailability, SchedulerSize, DefaultTaskPodCpu, DefaultTaskPodMemory, ResourceQuotaCpu, ResourceQuotaMemory, ScalingSpec, RemoteExecution })
                Forbid(p, "is only for hosted (STANDARD and DEDICATED) Deployments");
            if (executor == "KUBERNETES" && !news.Has(TaskPodNodePoolId.Name))
                Fail(TaskPodNodePoolId.Name, "is required for HYBRID Deployments with the KUBERNETES executor");
            if (executor != "KUBERNETES" && executorKnown) Forbid(TaskPodNodePoolId, "only applies to the KUBERNETES executor");
        }

        if (executorKnown) CheckWorkerQueues(news, hosted, executor, remoteOn, Fail);
        CheckEnvironmentVariables(news, Fail);
        CheckRemoteExecution(news, Fail);

        var emails = news[ContactEmails.Name].Unwrapped;
        if (emails.Kind == PropertyKind.Array)
        {
            for (var i = 0; i < emails.AsArray.Count; i++)
                if (emails.AsArray[i].Unwrapped is { Kind: PropertyKind.String } s && !EmailRegex().IsMatch(s.AsString))
                    Fail($"{ContactEmails.Name}[{i}]", $"\"{s.AsString}\" is not an email address");
        }

        // The runtime is create-only (§9): a change is a plan-time error, not a replacement.
        if (olds.Has(AstroRuntimeVersion.Name) && news.Has(AstroRuntimeVersion.Name) && !Rules.Same(olds[AstroRuntimeVersion.Name], news[AstroRuntimeVersion.Name], AstroRuntimeVersion))
            Fail(AstroRuntimeVersion.Name, "cannot be changed after create; upgrade Airflow by deploying an image built on the new runtime");
        return news;
    }

    /// <summary>
    /// One spelling of a Kubernetes quantity for Diff: <c>0.5</c>, <c>500m</c> and <c>0.50</c> are one CPU value, <c>1Gi</c>
    /// and <c>1024Mi</c> one memory value (Kubernetes' quantity rules). Anything else is left as it is.
    /// </summary>
    public static string CanonicalQuantity(string value)
    {
        var m = QuantityRegex().Match(value);
        if (!m.Success || !decimal.TryParse(m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)) return value;
        var suffix = m.Groups[3].Value;
        decimal factor = suffix switch
        {
            "" => 1, "m" => 0.001m, "k" => 1e3m, "M" => 1e6m, "G" => 1e9m, "T" => 1e12m, "P" => 1e15m, "E" => 1e18m,
            "Ki" => 1024m, "Mi" => 1024m * 1024, "Gi" => 1024m * 1024 * 1024, "Ti" => 1024m * 1024 * 1024 * 1024,
            _ => 0,
        };
        return factor == 0 ? value : (number * factor).ToString("0.############", CultureInfo.InvariantCulture);
    }

    private static string? Known(PropertyMap map, Prop prop) =>
        map[prop.Name].Unwrapped is { Kind: PropertyKind.String } s ? s.AsString : null;

    /// <summary>Checks a CPU and memory pair (memory exactly 2 × CPU, in Gi); returns the CPU cores when they are valid.</summary>
    private static decimal? CheckQuantityPair(PropertyMap news, Prop cpuProp, Prop memoryProp, bool required, Action<string, string> fail)
    {
        var cpuValue = news[cpuProp.Name].Unwrapped;
        var memoryValue = news[memoryProp.Name].Unwrapped;
        if (cpuValue.IsUnknown || memoryValue.IsUnknown) return null;
        string? cpu = cpuValue.Kind == PropertyKind.String ? cpuValue.AsString : null, memory = memoryValue.Kind == PropertyKind.String ? memoryValue.AsString : null;
        if (cpu is null || memory is null)
        {
            if (required)
            {
                if (cpu is null) fail(cpuProp.Name, "is required for hosted Deployments unless Remote Execution is enabled");
                if (memory is null) fail(memoryProp.Name, "is required for hosted Deployments unless Remote Execution is enabled");
            }
            else if (cpu is not null || memory is not null)
                fail(cpu is null ? cpuProp.Name : memoryProp.Name, $"{cpuProp.Name} and {memoryProp.Name} must be set together");
            return null;
        }
        if (!QuantityRegex().IsMatch(cpu)) { fail(cpuProp.Name, $"\"{cpu}\" is not a Kubernetes quantity such as \"0.5\" or \"500m\""); return null; }
        if (!QuantityRegex().IsMatch(memory)) { fail(memoryProp.Name, $"\"{memory}\" is not a Kubernetes quantity such as \"1Gi\""); return null; }
        decimal? cores = cpu.EndsWith('m') && decimal.TryParse(cpu[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var milli) ? milli / 1000m
            : decimal.TryParse(cpu.TrimStart('+'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var c) ? c : null;
        if (cores is null or <= 0) { fail(cpuProp.Name, $"\"{cpu}\" is not a positive number of CPU cores, such as \"0.5\" or \"500m\""); return null; }
        // Twice the cores must still be a number: "50000000000000000000000000000" parses, and doubling it would overflow.
        if (cores > MaxCores) { fail(cpuProp.Name, $"\"{cpu}\" is more than {MaxCores:N0} CPU cores"); return null; }
        if (!memory.EndsWith("Gi", StringComparison.Ordinal) || !decimal.TryParse(memory[..^2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var gi))
            fail(memoryProp.Name, $"\"{memory}\" must be given in Gi, e.g. \"{cores * 2}Gi\"");
        else if (gi != cores * 2)
            fail(memoryProp.Name, $"must be exactly 2 × {cpuProp.Name}: \"{cores * 2}Gi\" for \"{cpu}\", not \"{memory}\"");
        return cores;
    }

    /// <summary>A bound far above any machine, so that arithmetic on a quantity never overflows.</summary>
    private const decimal MaxCores = 1_000_000m;

    /// <summary>remoteExecution.allowedIpAddressRanges: IPv4 CIDRs naming their network, as Astro requires.</summary>
    private static void CheckRemoteExecution(PropertyMap news, Action<string, string> fail)
    {
        if (news[RemoteExecution.Name].Unwrapped is not { Kind: PropertyKind.Object } remote) return;
        if (remote.AsObject["allowedIpAddressRanges"].Unwrapped is not { Kind: PropertyKind.Array } ranges) return;
        for (var i = 0; i < ranges.AsArray.Count; i++)
            if (ranges.AsArray[i].Unwrapped is { Kind: PropertyKind.String } range && Cidr.Problem(range.AsString) is { } problem)
                fail($"{RemoteExecution.Name}.allowedIpAddressRanges[{i}]", problem);
    }

    private static void CheckScaling(PropertyMap news, PropertyMap olds, Action<string, string> fail)
    {
        var scaling = news[ScalingSpec.Name].Unwrapped;
        if (scaling.Kind != PropertyKind.Object) return;
        // Left out, development mode is Astro's: off for a new Deployment, as the old inputs say for an existing one.
        var dev = news.Has(IsDevelopmentMode.Name) ? news[IsDevelopmentMode.Name].Unwrapped
            : olds.Count == 0 ? PropertyValue.False : olds[IsDevelopmentMode.Name].Unwrapped;
        if (dev.Kind == PropertyKind.Bool && !dev.AsBool)
            fail(ScalingSpec.Name, "hibernation is only available for development-mode Deployments (isDevelopmentMode: true)");
        var spec = scaling.AsObject["hibernationSpec"].Unwrapped;
        if (spec.Kind != PropertyKind.Object) return;
        var path = $"{ScalingSpec.Name}.hibernationSpec";
        var over = spec.AsObject["override"].Unwrapped;
        var schedules = spec.AsObject["schedules"].Unwrapped;
        var hasSchedules = schedules.Kind == PropertyKind.Array && schedules.AsArray.Count > 0;
        if (over.IsNull && !hasSchedules && !schedules.IsUnknown) fail(path, "must contain an override or schedules");
        if (over.Kind == PropertyKind.Object && over.AsObject.Has("overrideUntil") && !over.AsObject.Has("isHibernating"))
            fail($"{path}.override.isHibernating", "is required when overrideUntil is set");
        if (over.Kind == PropertyKind.Object && over.AsObject["overrideUntil"].Unwrapped is { Kind: PropertyKind.String } until
            && HibernationOverride.TimeProblem(until.AsString) is { } timeProblem)
            fail($"{path}.override.overrideUntil", timeProblem);
        if (schedules.Kind != PropertyKind.Array) return;
        // Astro takes 1 to 10 schedules: an empty list is refused, not read as "none".
        if (schedules.AsArray.Count is 0 or > 10) fail($"{path}.schedules", $"must have 1 to 10 schedules, not {schedules.AsArray.Count}; leave it out for none");
        for (var i = 0; i < schedules.AsArray.Count; i++)
        {
            if (schedules.AsArray[i].Unwrapped.Kind != PropertyKind.Object) continue;
            var s = schedules.AsArray[i].Unwrapped.AsObject;
            foreach (var field in new[] { "hibernateAtCron", "wakeAtCron" })
                if (s[field].Unwrapped is { Kind: PropertyKind.String } cron && CronProblem(cron.AsString) is { } problem)
                    fail($"{path}.schedules[{i}].{field}", problem);
            if (s["description"].Unwrapped is { Kind: PropertyKind.String } d && d.AsString.Length > 200)
                fail($"{path}.schedules[{i}].description", "must be at most 200 characters");
        }
    }

    /// <summary>A 5-part cron: minute, hour, day of month, month, day of week.</summary>
    public static string? CronProblem(string cron)
    {
        var parts = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5) return $"\"{cron}\" is not a 5-part cron expression (minute hour day-of-month month day-of-week)";
        try
        {
            Cronos.CronExpression.Parse(cron, Cronos.CronFormat.Standard);
            return null;
        }
        catch (Cronos.CronFormatException e)
        {
            return $"\"{cron}\" is not a valid cron expression: {e.Message}";
        }
    }

    private static void CheckWorkerQueues(PropertyMap news, bool hosted, string executor, bool remoteOn, Action<string, string> fail)
    {
        var queues = news[WorkerQueues.Name].Unwrapped;
        if (queues.Kind != PropertyKind.Array) return;
        var applies = executor == "CELERY" || executor == "ASTRO" && !remoteOn;
        if (!applies)
        {
            if (queues.AsArray.Count > 0)
                fail(WorkerQueues.Name, executor == "KUBERNETES"
                    ? "worker queues do not apply to the KUBERNETES executor"
                    : "worker queues do not apply to the ASTRO executor with Remote Execution enabled");
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        var hasDefault = false;
        for (var i = 0; i < queues.AsArray.Count; i++)
        {
            if (queues.AsArray[i].Unwrapped.Kind != PropertyKind.Object) continue;
            var q = queues.AsArray[i].Unwrapped.AsObject;
            var path = $"{WorkerQueues.Name}[{i}]";
            var name = q["name"].Unwrapped is { Kind: PropertyKind.String } n ? n.AsString : null;
            if (name is not null)
            {
                if (name.Length is 0 or > 63) fail($"{path}.name", "must be 1 to 63 characters");
                if (!names.Add(name)) fail($"{path}.name", $"\"{name}\" is used by another queue; queue names must be unique");
            }
            var isDefault = q["isDefault"].Unwrapped is { Kind: PropertyKind.Bool } d && d.AsBool;
            if (name == "default")
            {
                hasDefault = true;
                if (q["isDefault"].Unwrapped.Kind == PropertyKind.Bool && !isDefault) fail($"{path}.isDefault", "must be true for the queue named `default`");
            }
            else if (isDefault) fail($"{path}.isDefault", "only the queue named `default` can be the default queue");
            if (q["minWorkerCount"].Unwrapped is { Kind: PropertyKind.Number } min && q["maxWorkerCount"].Unwrapped is { Kind: PropertyKind.Number } max && min.AsNumber > max.AsNumber)
                fail($"{path}.minWorkerCount", "must not exceed maxWorkerCount");
            if (hosted)
            {
                if (!q.Has("astroMachine")) fail($"{path}.astroMachine", "is required for STANDARD and DEDICATED Deployments");
                if (q.Has("nodePoolId")) fail($"{path}.nodePoolId", "is only for HYBRID Deployments");
            }
            else
            {
                if (!q.Has("nodePoolId")) fail($"{path}.nodePoolId", "is required for HYBRID Deployments");
                if (q.Has("astroMachine")) fail($"{path}.astroMachine", "is only for STANDARD and DEDICATED Deployments");
                if (q.Has("podEphemeralStorage")) fail($"{path}.podEphemeralStorage", "is only for STANDARD and DEDICATED Deployments");
            }
            if (q["podEphemeralStorage"].Unwrapped is { Kind: PropertyKind.String } storage && !QuantityRegex().IsMatch(storage.AsString))
                fail($"{path}.podEphemeralStorage", $"\"{storage.AsString}\" is not a Kubernetes quantity such as \"10Gi\"");
        }
        if (!hasDefault && !queues.ContainsUnknowns)
            fail(WorkerQueues.Name, $"a queue named `default` is required for the {executor} executor");
    }

    private static void CheckEnvironmentVariables(PropertyMap news, Action<string, string> fail)
    {
        var vars = news[EnvironmentVariables.Name].Unwrapped;
        if (vars.Kind != PropertyKind.Array) return;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < vars.AsArray.Count; i++)
        {
            if (vars.AsArray[i].Unwrapped.Kind != PropertyKind.Object) continue;
            if (vars.AsArray[i].Unwrapped.AsObject["key"].Unwrapped is not { Kind: PropertyKind.String } key) continue;
            if (key.AsString.Length == 0) fail($"{EnvironmentVariables.Name}[{i}].key", "must not be empty");
            else if (!keys.Add(key.AsString)) fail($"{EnvironmentVariables.Name}[{i}].key", $"\"{key.AsString}\" is set twice");
        }
    }
}
