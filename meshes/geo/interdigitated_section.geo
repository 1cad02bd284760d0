// Interdigitated flow field under a porous cathode: a cross-section of one
// period, from the middle of an inlet channel over a rib to the middle of
// an outlet channel (x), through the channels and the cathode (y). The
// inlet channel is dead-ended, so the electrolyte crosses the cathode under
// the rib to the outlet channel. Lengths in m.
//
//   y = te  +----------+--------------------+----------+   membrane
//           | cathode  | cathode            | cathode  |
//   y = 0   +----------+--------------------+----------+
//           | flow_    |  cathode_collector | flow_    |
//           | channel  |  (rib)             | channel  |
//   y = -hc +----------+                    +----------+
//             inlet                            outlet
//   symmetry at x = 0 and x = x3; the channel walls along the rib are in
//   no physical group (NOxFlow's Gmsh import names them "wall").
//
// Quadrilaterals (transfinite, recombined), as deal.II needs. Mesh it with
//   gmsh -2 -format msh22 interdigitated_section.geo -o interdigitated_section.msh
// (or msh41). tests/meshes/gmsh_mesh_test.cc meshes it through the Gmsh API
// and checks the names and measures.

wc = 1e-3;   // channel width
wr = 1e-3;   // rib width
hc = 1e-3;   // channel depth
te = 0.4e-3; // cathode thickness (e.g. a compressed carbon felt or paper)
nc = 8;      // cells across half a channel
nr = 16;     // cells across the rib
nh = 8;      // cells across the channel depth
ne = 8;      // cells across the cathode

x1 = wc / 2;
x2 = x1 + wr;
x3 = x2 + wc / 2;

Point(1) = {0, -hc, 0};
Point(2) = {x1, -hc, 0};
Point(3) = {x2, -hc, 0};
Point(4) = {x3, -hc, 0};
Point(5) = {0, 0, 0};
Point(6) = {x1, 0, 0};
Point(7) = {x2, 0, 0};
Point(8) = {x3, 0, 0};
Point(9) = {0, te, 0};
Point(10) = {x1, te, 0};
Point(11) = {x2, te, 0};
Point(12) = {x3, te, 0};

Line(1) = {1, 2};   // inlet channel floor
Line(2) = {3, 4};   // outlet channel floor
Line(3) = {5, 6};   // inlet channel | cathode
Line(4) = {6, 7};   // rib | cathode
Line(5) = {7, 8};   // outlet channel | cathode
Line(6) = {9, 10};  // cathode | membrane
Line(7) = {10, 11};
Line(8) = {11, 12};
Line(9) = {1, 5};   // symmetry, inlet channel
Line(10) = {2, 6};  // inlet channel wall along the rib
Line(11) = {3, 7};  // outlet channel wall along the rib
Line(12) = {4, 8};  // symmetry, outlet channel
Line(13) = {5, 9};  // symmetry, cathode
Line(14) = {6, 10};
Line(15) = {7, 11};
Line(16) = {8, 12}; // symmetry, cathode

Curve Loop(1) = {1, 10, -3, -9};
Plane Surface(1) = {1};
Curve Loop(2) = {2, 12, -5, -11};
Plane Surface(2) = {2};
Curve Loop(3) = {3, 14, -6, -13};
Plane Surface(3) = {3};
Curve Loop(4) = {4, 15, -7, -14};
Plane Surface(4) = {4};
Curve Loop(5) = {5, 16, -8, -15};
Plane Surface(5) = {5};

Transfinite Curve {1, 2, 3, 5, 6, 8} = nc + 1;
Transfinite Curve {4, 7} = nr + 1;
Transfinite Curve {9, 10, 11, 12} = nh + 1;
Transfinite Curve {13, 14, 15, 16} = ne + 1;
Transfinite Surface {1, 2, 3, 4, 5};
Recombine Surface {1, 2, 3, 4, 5};

Physical Surface("flow_channel") = {1, 2};
Physical Surface("cathode") = {3, 4, 5};
Physical Curve("inlet") = {1};
Physical Curve("outlet") = {2};
Physical Curve("cathode_collector") = {4};
Physical Curve("membrane") = {6, 7, 8};
Physical Curve("symmetry") = {9, 12, 13, 16};
