// The flow stage of a run, from case files: the transport with a computed
// Navier-Stokes flow agrees with the prescribed Poiseuille run; a flow rate
// in mL/min gives the same flow; a felt-filled (Brinkman) channel has the
// Darcy pressure drop; the 3D duct inlet carries the requested flow rate;
// bad porous-media input is refused with the parameter named; a flow solved
// one level below the transport mesh is carried up exactly; the velocity
// the transport sees, kept per cell and face, is the flow element's at the
// points of whichever quadrature asks.
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>

#include <solver/case/flow_stage_from_case.h>
#include <solver/flow/computed_flow.h>
#include <solver/flow/inlet_profile.h>

#include <gtest/gtest.h>

#include <cmath>

#include "case_runner.h"

using namespace NOxFlow;

namespace
{
  CaseParameters
  coarse_channel()
  {
    CaseParameters p;
    p.read(NOXFLOW_SOURCE_DIR "/cases/channel_nitrate/channel_nitrate.prm");
    p.global_refinements = 0;
    p.operation.targets  = {20., 100.};
    p.write_fields       = false;
    return p;
  }

  /// Solves only the flow of @p p on its channel mesh.
  template <int dim>
  FlowSummary
  flow_only(const CaseParameters &p, double *pressure_drop = nullptr)
  {
    dealii::Triangulation<dim> coarse;
    const auto                 names = p.geometry.create(coarse);
    dealii::parallel::distributed::Triangulation<dim> tria(MPI_COMM_WORLD);
    tria.copy_triangulation(coarse);
    tria.refine_global(p.global_refinements);
    std::ostringstream         quiet;
    dealii::ConditionalOStream log(quiet, false);
    const ComputedFlow<dim>    flow(flow_stage_input<dim>(p), names, tria, log);
    const FlowSummary          summary = flow.summary();
    if (pressure_drop)
      *pressure_drop =
        summary.mean_pressure.at(names.boundaries.id("inlet", "")) -
        summary.mean_pressure.at(names.boundaries.id("outlet", ""));
    return summary;
  }

  /// Over a flow field's mesh: the integrals of |u|^2, u_x and p^2, and the
  /// outward flow through boundary @p outlet (all exact in Gauss(3)).
  template <int dim>
  std::array<double, 4>
  flow_moments(const FiniteElementVelocityField<dim> &field,
               const dealii::types::boundary_id       outlet)
  {
    const auto                   &fe = field.dof_handler().get_fe();
    const dealii::QGauss<dim>     quadrature(3);
    const dealii::QGauss<dim - 1> face_quadrature(3);
    dealii::FEValues<dim>         values(
      fe, quadrature, dealii::update_values | dealii::update_JxW_values);
    dealii::FEFaceValues<dim>                face_values(fe,
                                          face_quadrature,
                                          dealii::update_values |
                                            dealii::update_normal_vectors |
                                            dealii::update_JxW_values);
    const dealii::FEValuesExtractors::Vector u(0);
    const dealii::FEValuesExtractors::Scalar p(dim);
    std::vector<dealii::Tensor<1, dim>>      u_q(quadrature.size()),
      u_f(face_quadrature.size());
    std::vector<double>   p_q(quadrature.size());
    std::array<double, 4> m = {{0., 0., 0., 0.}};
    for (const auto &cell : field.dof_handler().active_cell_iterators())
      {
        if (!cell->is_locally_owned())
          continue;
        values.reinit(cell);
        values[u].get_function_values(field.solution(), u_q);
        values[p].get_function_values(field.solution(), p_q);
        for (unsigned int q = 0; q < quadrature.size(); ++q)
          {
            m[0] += u_q[q].norm_square() * values.JxW(q);
            m[1] += u_q[q][0] * values.JxW(q);
            m[2] += p_q[q] * p_q[q] * values.JxW(q);
          }
        for (const unsigned int f : cell->face_indices())
          if (cell->face(f)->at_boundary() &&
              cell->face(f)->boundary_id() == outlet)
            {
              face_values.reinit(cell, f);
              face_values[u].get_function_values(field.solution(), u_f);
              for (unsigned int q = 0; q < face_quadrature.size(); ++q)
                m[3] +=
                  u_f[q] * face_values.normal_vector(q) * face_values.JxW(q);
            }
      }
    for (double &x : m)
      x = dealii::Utilities::MPI::sum(x, MPI_COMM_WORLD);
    return m;
  }
} // namespace

TEST(ComputedFlowCase, AgreesWithPrescribedPoiseuille)
{
  auto prescribed       = coarse_channel();
  prescribed.flow.model = "prescribed";
  auto computed         = prescribed;
  computed.flow.model   = "navier-stokes";
  const auto folder     = Testing::scratch_folder("computed-flow");
  const auto steps_p    = Testing::run_case<2>(prescribed, folder + "/p");
  const auto steps_c    = Testing::run_case<2>(computed, folder + "/c");
  const auto a          = Testing::targets_of(steps_p);
  const auto b          = Testing::targets_of(steps_c);
  ASSERT_EQ(a.size(), b.size());
  for (unsigned int i = 0; i < a.size(); ++i)
    {
      const auto &ra = a[i]->report, &rb = b[i]->report;
      for (unsigned int e = 0; e < ra.electrodes.size(); ++e)
        EXPECT_NEAR(ra.electrodes[e].potential,
                    rb.electrodes[e].potential,
                    1e-6);
      for (unsigned int k = 0; k < ra.faradaic_efficiency.size(); ++k)
        EXPECT_NEAR(ra.faradaic_efficiency[k], rb.faradaic_efficiency[k], 1e-6);
      EXPECT_LT(std::abs(rb.charge_balance), 1e-8);
    }
  EXPECT_TRUE(std::filesystem::exists(folder + "/c/flow.tsv"));
}

TEST(ComputedFlowCase, KeptVelocityIsTheFlowElementsAtEveryQuadrature)
{
  constexpr int              dim = 2;
  const auto                 p   = coarse_channel();
  dealii::Triangulation<dim> coarse;
  const auto                 names = p.geometry.create(coarse);
  dealii::parallel::distributed::Triangulation<dim> tria(MPI_COMM_WORLD);
  tria.copy_triangulation(coarse);
  std::ostringstream         quiet;
  dealii::ConditionalOStream log(quiet, false);
  const ComputedFlow<dim>    flow(flow_stage_input<dim>(p), names, tria, log);
  const auto                &field = *flow.velocity();

  // The transport's element on the same mesh asks with its own FEValues;
  // two quadratures with the same number of points (Gauss and trapezoid),
  // each asked twice, and the faces.
  const dealii::FE_Q<dim> transport_fe(1);
  dealii::DoFHandler<dim> transport_dofs(tria);
  transport_dofs.distribute_dofs(transport_fe);
  const dealii::QGauss<dim>                gauss(2);
  const dealii::QTrapezoid<dim>            trapezoid;
  const dealii::QGauss<dim - 1>            face_gauss(2);
  const dealii::FEValuesExtractors::Vector u(0);
  double                                   worst = 0., largest = 0.;
  unsigned int                             checked = 0;
  for (const dealii::Quadrature<dim> *quadrature :
       std::vector<const dealii::Quadrature<dim> *>{
         &gauss, &trapezoid, &gauss, &trapezoid})
    {
      dealii::FEValues<dim>     asked(transport_fe,
                                  *quadrature,
                                  dealii::update_quadrature_points);
      dealii::FEValues<dim>     direct(field.dof_handler().get_fe(),
                                   *quadrature,
                                   dealii::update_values);
      dealii::FEFaceValues<dim> asked_face(transport_fe,
                                           face_gauss,
                                           dealii::update_quadrature_points);
      dealii::FEFaceValues<dim> direct_face(field.dof_handler().get_fe(),
                                            face_gauss,
                                            dealii::update_values);
      std::vector<dealii::Vector<double>> kept(quadrature->size(),
                                               dealii::Vector<double>(dim));
      std::vector<dealii::Vector<double>> kept_face(
        face_gauss.size(), dealii::Vector<double>(dim));
      std::vector<dealii::Tensor<1, dim>> exact(quadrature->size()),
        exact_face(face_gauss.size());
      auto flow_cell = field.dof_handler().begin_active();
      for (const auto &cell : transport_dofs.active_cell_iterators())
        {
          if (cell->is_locally_owned())
            {
              asked.reinit(cell);
              field.values(asked, kept);
              direct.reinit(flow_cell);
              direct[u].get_function_values(field.solution(), exact);
              for (unsigned int q = 0; q < quadrature->size(); ++q)
                for (unsigned int d = 0; d < dim; ++d)
                  {
                    worst = std::max(worst, std::abs(kept[q][d] - exact[q][d]));
                    largest = std::max(largest, std::abs(exact[q][d]));
                  }
              asked_face.reinit(cell, 0);
              field.values(asked_face, kept_face);
              direct_face.reinit(flow_cell, 0);
              direct_face[u].get_function_values(field.solution(), exact_face);
              for (unsigned int q = 0; q < face_gauss.size(); ++q)
                for (unsigned int d = 0; d < dim; ++d)
                  worst =
                    std::max(worst,
                             std::abs(kept_face[q][d] - exact_face[q][d]));
              ++checked;
            }
          ++flow_cell;
        }
    }
  EXPECT_GT(checked, 0u);
  EXPECT_GT(largest, 0.01); // m/s: a flow, not zeros
  EXPECT_LE(worst, 1e-15 * largest);
}

TEST(ComputedFlowCase, FlowRateInMlPerMinGivesTheMeanVelocity)
{
  auto p         = coarse_channel();
  p.flow.model   = "navier-stokes";
  const double u = p.flow.mean_velocity;
  const double h = p.geometry.channel.height, w = p.geometry.channel.width,
               L = p.geometry.channel.inlet_length +
                   p.geometry.channel.electrode_length +
                   p.geometry.channel.outlet_length;
  p.flow.mean_velocity   = 0.;
  p.flow.flow_rate       = u * h * w * 6e7; // mL/min
  double            drop = 0.;
  const FlowSummary s    = flow_only<2>(p, &drop);
  // Plane Poiseuille: dp = 12 mu U L / h^2, outflow U h per unit depth.
  const double mu = p.flow.fluid.viscosity;
  EXPECT_NEAR(drop, 12. * mu * u * L / (h * h), 1e-8 * drop);
  EXPECT_NEAR(s.flow_rate.at(1), u * h, 1e-10 * u * h); // outlet id 1
}

TEST(ComputedFlowCase, FeltFilledChannelHasTheDarcyPressureDrop)
{
  const auto folder = Testing::scratch_folder("felt-flow");
  auto       p      = Testing::read_case(folder, R"(
    include )" NOXFLOW_SOURCE_DIR R"(/cases/channel_nitrate/channel_nitrate.prm
    subsection Geometry
      set Global refinements = 0
    end
    subsection Flow
      set Model            = navier-stokes
      set Velocity profile = uniform
      subsection Porous media
        set Names = felt
        subsection felt
          set Regions      = channel
          set Porosity     = 0.9
          set Permeability = 1e-10
        end
      end
    end)");
  double     drop   = 0.;
  flow_only<2>(p, &drop);
  const double L = p.geometry.channel.inlet_length +
                   p.geometry.channel.electrode_length +
                   p.geometry.channel.outlet_length;
  const double darcy =
    p.flow.fluid.viscosity * p.flow.mean_velocity * L / 1e-10;
  // Brinkman wall layers of thickness sqrt(K/eps) = 1e-5 m in a 2 mm gap
  // raise the drop by about 2 sqrt(K/eps)/h = 1 %.
  EXPECT_GT(drop, darcy);
  EXPECT_LT(drop, 1.03 * darcy);
}

TEST(ComputedFlowCase, DuctInletProfileCarriesTheFlowRate)
{
  // The rectangular-duct series integrates to the mean velocity.
  const double                 h = 2e-3, w = 5e-3, U = 0.03;
  const ChannelInletProfile<3> profile(true, U, h, w);
  const dealii::QGauss<2>      gauss(12);
  double                       mean = 0.;
  const unsigned int           n    = 8;
  for (unsigned int i = 0; i < n; ++i)
    for (unsigned int j = 0; j < n; ++j)
      for (unsigned int q = 0; q < gauss.size(); ++q)
        {
          const dealii::Point<3> x(0.,
                                   h * (i + gauss.point(q)[0]) / n,
                                   w * (j + gauss.point(q)[1]) / n);
          mean += profile.value(x, 0) * gauss.weight(q) / (n * n);
        }
  EXPECT_NEAR(mean, U, 1e-6 * U);
  EXPECT_NEAR(profile.value(dealii::Point<3>(0., 0., w / 2), 0), 0., 1e-12);
  EXPECT_NEAR(profile.value(dealii::Point<3>(0., h / 2, 0.), 0), 0., 1e-6 * U);
}

TEST(ComputedFlowCase, BadPorousInputNamesTheParameter)
{
  const auto folder = Testing::scratch_folder("felt-bad");
  const auto with   = [&](const std::string &porosity,
                        const std::string &region) {
    return R"(
    include )" NOXFLOW_SOURCE_DIR R"(/cases/channel_nitrate/channel_nitrate.prm
    subsection Flow
      set Model = stokes
      subsection Porous media
        set Names = felt
        subsection felt
          set Regions  = )" +
           region + R"(
          set Porosity = )" +
           porosity + R"(
        end
      end
    end)";
  };
  try
    {
      Testing::read_case(folder, with("1.5", "channel"));
      FAIL() << "porosity 1.5 accepted";
    }
  catch (const InputError &e)
    {
      EXPECT_NE(std::string(e.what()).find("Flow/Porous media/felt/Porosity"),
                std::string::npos)
        << e.what();
    }
  const auto p = Testing::read_case(folder, with("0.8", "gdl"));
  try
    {
      flow_only<2>(p);
      FAIL() << "unknown region accepted";
    }
  catch (const InputError &e)
    {
      EXPECT_NE(std::string(e.what()).find("gdl"), std::string::npos)
        << e.what();
    }
}

TEST(ComputedFlowCase, ParallelFlowEqualsSerialFlow)
{
  // A developing (uniform inlet) Stokes flow, on all ranks and on one.
  auto p                  = coarse_channel();
  p.flow.model            = "stokes";
  p.flow.velocity_profile = "uniform";
  const FlowSummary s     = flow_only<2>(p);
  // Reference: the same flow on one rank.
  dealii::Triangulation<2> coarse;
  const auto               names = p.geometry.create(coarse);
  dealii::parallel::distributed::Triangulation<2> tria(MPI_COMM_SELF);
  tria.copy_triangulation(coarse);
  std::ostringstream         quiet;
  dealii::ConditionalOStream log(quiet, false);
  const ComputedFlow<2>      serial(flow_stage_input<2>(p), names, tria, log);
  const FlowSummary          r = serial.summary();
  EXPECT_NEAR(s.max_speed, r.max_speed, 1e-9 * r.max_speed);
  for (const auto &[id, q] : r.flow_rate)
    {
      EXPECT_NEAR(s.flow_rate.at(id), q, 1e-9 * r.max_speed * 1e-3);
      EXPECT_NEAR(s.mean_pressure.at(id),
                  r.mean_pressure.at(id),
                  1e-7 * std::abs(r.mean_pressure.at(0)));
    }
}

TEST(ComputedFlowCase, FlowOnACoarserMeshIsCarriedUpExactly)
{
  // A developing Navier-Stokes flow solved one level below a once refined
  // transport mesh equals, as a function, the flow solved on that coarser
  // mesh: Q2/Q1 spaces are nested, so nothing is lost in the transfer.
  auto p                          = coarse_channel();
  p.flow.model                    = "navier-stokes";
  p.flow.velocity_profile         = "uniform";
  p.global_refinements            = 1;
  p.flow.coarser_mesh_levels      = 1;
  auto direct                     = p;
  direct.global_refinements       = 0;
  direct.flow.coarser_mesh_levels = 0;

  dealii::Triangulation<2> coarse;
  const auto               names = p.geometry.create(coarse);
  dealii::parallel::distributed::Triangulation<2> fine(MPI_COMM_WORLD),
    flow_mesh(MPI_COMM_WORLD);
  fine.copy_triangulation(coarse);
  fine.refine_global(1);
  flow_mesh.copy_triangulation(coarse);
  std::ostringstream         quiet;
  dealii::ConditionalOStream log(quiet, false);
  const ComputedFlow<2>      carried(flow_stage_input<2>(p), names, fine, log);
  const ComputedFlow<2>      reference(flow_stage_input<2>(direct),
                                  names,
                                  flow_mesh,
                                  log);

  const auto &field = *carried.velocity();
  EXPECT_EQ(&field.dof_handler().get_triangulation(), &fine);
  EXPECT_GT(field.dof_handler().n_dofs(),
            3 * reference.velocity()->dof_handler().n_dofs());
  const auto outlet = names.boundaries.id("outlet", "");
  const auto a      = flow_moments(field, outlet);
  const auto b      = flow_moments(*reference.velocity(), outlet);
  for (unsigned int k = 0; k < a.size(); ++k)
    EXPECT_NEAR(a[k], b[k], 1e-10 * std::abs(b[k])) << "moment " << k;
  EXPECT_GT(a[3], 0.);
}

TEST(ComputedFlowCase, LowOrderAmgVelocitySolverGivesTheDirectFlow)
{
  // 'Flow/Velocity solver' changes the preconditioner only: the developing
  // Navier-Stokes flow of the channel is the same with either.
  auto p                        = coarse_channel();
  p.flow.model                  = "navier-stokes";
  p.flow.velocity_profile       = "uniform";
  p.flow.velocity_solver        = "direct";
  auto amg                      = p;
  amg.flow.velocity_solver      = "low-order amg";
  double            drop_direct = 0., drop_amg = 0.;
  const FlowSummary direct_summary = flow_only<2>(p, &drop_direct);
  const FlowSummary amg_summary    = flow_only<2>(amg, &drop_amg);
  EXPECT_NEAR(drop_amg, drop_direct, 1e-8 * drop_direct);
  EXPECT_NEAR(amg_summary.max_speed,
              direct_summary.max_speed,
              1e-8 * direct_summary.max_speed);
}
