namespace Pulumi.Astro.Client;

/// <summary>
/// A failed Astro call. The subclasses say how it failed: <see cref="AstroApiException"/> (Astro answered with an
/// error), <see cref="AstroOutcomeUnknownException"/> (a create may or may not have happened) and
/// <see cref="AstroTransportException"/> (no answer). This class itself is thrown when an answer breaks the API
/// contract, e.g. a success without the JSON body it must have.
/// </summary>
public class AstroException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> is used as is.</summary>
    public AstroException(string method, string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Method = method;
        Path = path;
    }

    /// <summary>The HTTP method of the failed call, e.g. <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>The path of the failed call without host or query, e.g. <c>/v1/organizations/abc/deployments</c>.</summary>
    public string Path { get; }
}
