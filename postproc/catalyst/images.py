# script-version: 2.0
# NOxFlow in situ, ParaView Catalyst V2 (ParaView 5.11): PNG images.
#
# At every step noxflow hands over this renders two maps into
# <run folder>/catalyst/: ph_NNNN.png (pH) and nitrate_NNNN.png (c_NO3- in
# mol/m3), NNNN the accepted continuation step. Debian's VTK renders through
# X: run noxflow under xvfb-run -a on machines without a display. Each image
# names its operating point and step at the top. See README.md in this
# folder.
import os

from paraview.simple import *
from paraview import catalyst
from vtkmodules.vtkCommonCore import vtkDoubleArray
from vtkmodules.vtkParallelCore import vtkCommunicator, vtkMultiProcessController

input = TrivialProducer(registrationName="input")


def map_view(array, title):
    view = CreateView("RenderView")
    view.ViewSize = [1400, 400]
    view.OrientationAxesVisibility = 0
    view.InteractionMode = "2D"
    view.CameraParallelProjection = 1
    view.Background = [1.0, 1.0, 1.0]
    view.UseColorPaletteForBackground = 0
    display = Show(input, view)
    ColorBy(display, ("POINTS", array))
    lut = GetColorTransferFunction(array)
    lut.ApplyPreset("Viridis (matplotlib)", True)
    lut.AutomaticRescaleRangeMode = "Never"  # catalyst_execute sets it
    display.SetScalarBarVisibility(view, True)
    bar = GetScalarBar(lut, view)
    bar.Title = title
    bar.ComponentTitle = ""
    bar.TitleColor = [0.0, 0.0, 0.0]
    bar.LabelColor = [0.0, 0.0, 0.0]
    bar.Orientation = "Horizontal"
    bar.AutomaticLabelFormat = 0
    bar.LabelFormat = "%-#.4g"
    bar.RangeLabelFormat = "%-#.4g"
    bar.WindowLocation = "Lower Center"
    return view


ph_view = map_view("pH", "pH")
nitrate_view = map_view("c_NO3-", "NO3- (mol/m3)")

# Which operating point an image shows (set at every step).
label = Text(registrationName="operating_point")
for view in (ph_view, nitrate_view):
    shown = Show(label, view)
    shown.WindowLocation = "Upper Center"
    shown.FontSize = 14
    shown.Color = [0.0, 0.0, 0.0]

ph_png = CreateExtractor("PNG", ph_view, registrationName="ph_png")
ph_png.Writer.FileName = "ph_{timestep:04d}.png"
ph_png.Writer.ImageResolution = [1400, 400]
nitrate_png = CreateExtractor("PNG", nitrate_view, registrationName="nitrate_png")
nitrate_png.Writer.FileName = "nitrate_{timestep:04d}.png"
nitrate_png.Writer.ImageResolution = [1400, 400]

options = catalyst.Options()
options.ExtractsOutputDirectory = "catalyst"
options.GlobalTrigger = "TimeStep"
# Catalyst Live: NOXFLOW_CATALYST_LIVE=host:port (ParaView's Catalyst >
# Connect listens on port 22222) sends every step to a running ParaView.
live = os.environ.get("NOXFLOW_CATALYST_LIVE", "")
options.EnableCatalystLive = 1 if live else 0
if live:
    options.CatalystLiveURL = live
    options.CatalystLiveTrigger = "TimeStep"


def all_ranks_min(values):
    """Minimum of each value over all ranks (each sees only its own part)."""
    controller = vtkMultiProcessController.GetGlobalController()
    if controller is None or controller.GetNumberOfProcesses() == 1:
        return list(values)
    local, result = vtkDoubleArray(), vtkDoubleArray()
    for v in values:
        local.InsertNextValue(v)
    controller.AllReduce(local, result, vtkCommunicator.MIN_OP)
    return [result.GetValue(i) for i in range(len(values))]


def catalyst_execute(info):
    # The time NOxFlow hands over is the operating point: |j| in mA/cm2
    # under current control, the working electrode's potential in V under
    # potential control.
    label.Text = ("operating point %.4g (mA/cm2, or V under potential control),"
                  " step %d" % (info.time, info.timestep))
    # Fit the mesh, whatever its size, and the colour ranges to this state.
    b = input.GetDataInformation().GetBounds()
    m = all_ranks_min([b[0], b[2], b[4], -b[1], -b[3], -b[5]])
    low, high = m[:3], [-v for v in m[3:]]
    center = [0.5 * (l + h) for l, h in zip(low, high)]
    width, height = high[0] - low[0], high[1] - low[1]
    for view in (ph_view, nitrate_view):
        # Parallel scale: half the visible height. The mesh sits above the
        # colour bar.
        aspect = view.ViewSize[0] / view.ViewSize[1]
        scale = 0.55 * max(width / aspect, 2.0 * height)
        focus = [center[0], center[1] - 0.3 * scale, center[2]]
        view.CameraParallelScale = scale
        view.CameraFocalPoint = focus
        view.CameraPosition = [focus[0], focus[1], focus[2] + 10 * max(width, height)]
        view.CameraViewUp = [0.0, 1.0, 0.0]
    for array in ("pH", "c_NO3-"):
        r = input.PointData[array].GetRange()
        m = all_ranks_min([r[0], -r[1]])
        GetColorTransferFunction(array).RescaleTransferFunction(m[0], -m[1])
