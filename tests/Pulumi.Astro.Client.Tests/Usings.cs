global using NUnit.Framework;
global using Pulumi.Astro.Client.Models;
