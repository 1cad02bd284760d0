#include <deal.II/base/mpi.h>

#include <solver/base/version.h>
#include <solver/output/output_error.h>
#include <solver/output/run_record.h>

#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <streambuf>

namespace NOxFlow
{
  namespace
  {
    std::string
    utc_now()
    {
      const std::time_t now = std::time(nullptr);
      char              text[32];
      std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
      return text;
    }

    std::string
    json_string(const std::string &text)
    {
      std::ostringstream out;
      out << '"';
      for (const char c : text)
        switch (c)
          {
            case '"':
              out << "\\\"";
              break;
            case '\\':
              out << "\\\\";
              break;
            case '\n':
              out << "\\n";
              break;
            case '\t':
              out << "\\t";
              break;
            default:
              if (static_cast<unsigned char>(c) < 0x20)
                out << "\\u" << std::hex << std::setw(4) << std::setfill('0')
                    << int(c) << std::dec;
              else
                out << c;
          }
      out << '"';
      return out.str();
    }
  } // namespace

  /// Writes to standard output and to run.log, or keeps the text until
  /// run.log is opened.
  class RunRecord::TeeBuffer : public std::streambuf
  {
  public:
    std::string   pending;
    std::ofstream file;

  protected:
    int
    overflow(const int c) override
    {
      if (c == traits_type::eof())
        return traits_type::not_eof(c);
      const char ch = static_cast<char>(c);
      return xsputn(&ch, 1) == 1 ? c : traits_type::eof();
    }

    std::streamsize
    xsputn(const char *text, const std::streamsize n) override
    {
      std::cout.write(text, n);
      if (file.is_open())
        file.write(text, n);
      else
        pending.append(text, n);
      return n;
    }

    int
    sync() override
    {
      std::cout.flush();
      if (file.is_open())
        file.flush();
      return 0;
    }
  };

  RunRecord::RunRecord(const std::vector<std::string> &command_line,
                       MPI_Comm                        comm)
    : command_line(command_line)
    , root(dealii::Utilities::MPI::this_mpi_process(comm) == 0)
    , ranks(dealii::Utilities::MPI::n_mpi_processes(comm))
    , started(utc_now())
    , clock(std::chrono::steady_clock::now())
    , buffer(std::make_unique<TeeBuffer>())
    , out(std::make_unique<std::ostream>(buffer.get()))
  {}

  RunRecord::~RunRecord()
  {
    out->flush();
  }

  std::ostream &
  RunRecord::stream()
  {
    return *out;
  }

  void
  RunRecord::write_log_into(const std::string &directory)
  {
    if (!root || buffer->file.is_open())
      return;
    buffer->file.open(directory + "/run.log", std::ios::app);
    std::string command;
    for (const auto &word : command_line)
      command += (command.empty() ? "" : " ") + word;
    buffer->file << "=== " << started << " NOxFlow " << version() << ": "
                 << command << '\n'
                 << buffer->pending;
    buffer->pending.clear();
    buffer->file.flush();
    // A log that cannot be written is reported, not fatal (rank 0 alone
    // must not throw here); the run's own writes are checked.
    if (!buffer->file)
      std::cerr << "Warning: cannot write " << directory << "/run.log"
                << std::endl;
  }

  void
  RunRecord::error(const std::string &message)
  {
    if (!root)
      return;
    std::cerr << message << std::endl;
    if (buffer->file.is_open())
      buffer->file << message << std::endl;
    else
      buffer->pending += message + "\n";
  }

  void
  RunRecord::finish(const std::string &directory,
                    const int          exit_code,
                    const std::string &status)
  {
    if (!root)
      return;
    try
      {
        write_log_into(directory);
        out->flush();
        char host[256] = {};
        gethostname(host, sizeof host - 1);
        std::ostringstream json;
        json << "{\n  \"noxflow_version\": " << json_string(version())
             << ",\n  \"command_line\": [";
        for (unsigned int i = 0; i < command_line.size(); ++i)
          json << (i ? ", " : "") << json_string(command_line[i]);
        json << "],\n  \"working_directory\": "
             << json_string(std::filesystem::current_path().string())
             << ",\n  \"host\": " << json_string(host)
             << ",\n  \"ranks\": " << ranks
             << ",\n  \"started\": " << json_string(started)
             << ",\n  \"finished\": " << json_string(utc_now())
             << ",\n  \"wall_seconds\": " << std::setprecision(6)
             << std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                              clock)
                  .count()
             << ",\n  \"exit_code\": " << exit_code
             << ",\n  \"status\": " << json_string(status) << "\n}\n";
        write_file_atomically(directory + "/run.json", json.str());
      }
    catch (const std::exception &e)
      {
        std::cerr << "Error: could not write the run record: " << e.what()
                  << std::endl;
      }
  }
} // namespace NOxFlow
