using MudBlazor;

namespace CptKb.Web.Components.Layout;

/// <summary>The app's MudBlazor theme: system fonts (nothing is fetched from elsewhere) and a calm blue palette.</summary>
public static class KbTheme
{
    private static readonly string[] SystemFonts =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "Noto Sans", "Liberation Sans", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            Secondary = "#00897b",
            AppbarBackground = "#0d47a1",
            Background = "#f7f9fc",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#90caf9",
            Secondary = "#4db6ac",
            AppbarBackground = "#1a2027",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },
            H1 = new H1Typography { FontFamily = SystemFonts },
            H2 = new H2Typography { FontFamily = SystemFonts },
            H3 = new H3Typography { FontFamily = SystemFonts },
            H4 = new H4Typography { FontFamily = SystemFonts },
            H5 = new H5Typography { FontFamily = SystemFonts },
            H6 = new H6Typography { FontFamily = SystemFonts },
            Button = new ButtonTypography { FontFamily = SystemFonts },
            Body1 = new Body1Typography { FontFamily = SystemFonts },
            Body2 = new Body2Typography { FontFamily = SystemFonts },
            Subtitle1 = new Subtitle1Typography { FontFamily = SystemFonts },
            Subtitle2 = new Subtitle2Typography { FontFamily = SystemFonts },
            Caption = new CaptionTypography { FontFamily = SystemFonts },
            Overline = new OverlineTypography { FontFamily = SystemFonts },
        },
    };
}
