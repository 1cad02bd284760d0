# script-version: 2.0
# NOxFlow in situ, ParaView Catalyst V2 (ParaView 5.11): data extracts.
#
# At every step noxflow hands over (Output/Catalyst every, and every target)
# this writes into <run folder>/catalyst/:
#   state_NNNN.pvtu   the whole mesh, one piece per MPI rank, with every
#                     field (c_<species> in mol/m3, pH, phi_l in V,
#                     current_density in A/m2, velocity in m/s and pressure
#                     in Pa for a computed flow; cell field mpi_rank)
#   slice_NNNN.pvtu   pH and nitrate (c_NO3-) on the cross-section half-way
#                     along the channel (a line across the gap in 2D)
# NNNN is the accepted continuation step; the current density is the time.
# See README.md in this folder.
import os

from paraview.simple import *
from paraview import catalyst
from vtkmodules.vtkCommonCore import vtkDoubleArray
from vtkmodules.vtkParallelCore import vtkCommunicator, vtkMultiProcessController

# The adaptor's channel: a multiblock dataset with one block per MPI rank.
input = TrivialProducer(registrationName="input")

fields = MergeBlocks(registrationName="fields", Input=input)

cut = Slice(registrationName="cut", Input=input)
cut.SliceType = "Plane"
cut.SliceType.Normal = [1.0, 0.0, 0.0]
cut.Triangulatetheslice = 0
profile = PassArrays(registrationName="profile", Input=cut)
profile.PointDataArrays = ["pH", "c_NO3-"]
profile.CellDataArrays = []
slice_merged = MergeBlocks(registrationName="slice", Input=profile)

state_extract = CreateExtractor("VTU", fields, registrationName="state_pvtu")
state_extract.Writer.FileName = "state_{timestep:04d}.pvtu"
slice_extract = CreateExtractor("VTU", slice_merged, registrationName="slice_pvtu")
slice_extract.Writer.FileName = "slice_{timestep:04d}.pvtu"

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
    # Cut half-way along the channel (x) of the whole mesh.
    b = input.GetDataInformation().GetBounds()
    m = all_ranks_min([b[0], b[2], b[4], -b[1], -b[3], -b[5]])
    cut.SliceType.Origin = [0.5 * (m[d] - m[d + 3]) for d in range(3)]
